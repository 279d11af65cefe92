package io.warden.bootstrap;

import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * A part of the start that needs little of what the start builds (a cache manager and a Redis
 * client need nothing; the signing keys only the database), started on a thread of its own as soon
 * as it can be, so that its cost (mostly loading and initializing classes, and waiting on a socket)
 * overlaps the phases after it instead of adding to them. The start {@link #take}s it where it is
 * needed, waiting if it is not done yet; nothing is served before that, so nothing changes for what
 * a request sees, only when the port opens. Its own duration is logged with the phases ({@link
 * StartUpPhases#beside}).
 *
 * <p>Closing it closes what it started unless the start took it (the taker owns it then): pushed
 * onto the start's resources first, it stops the part when the start fails before taking it.
 */
final class StartedBeside<T> implements AutoCloseable {
  private final String name;
  private final CompletableFuture<T> started;
  private final Closer<T> closer;
  private volatile boolean taken;

  /** How to stop what was started. */
  @FunctionalInterface
  interface Closer<T> {
    void close(T started) throws Exception;
  }

  private StartedBeside(String name, CompletableFuture<T> started, Closer<T> closer) {
    this.name = name;
    this.started = started;
    this.closer = closer;
  }

  /** Starts {@code start} now on a new daemon thread named after {@code name}. */
  static <T> StartedBeside<T> begin(
      String name, Supplier<T> start, Closer<T> closer, StartUpPhases phases) {
    CompletableFuture<T> started = new CompletableFuture<>();
    Thread.ofPlatform()
        .daemon()
        .name("warden-start-" + name.replace(' ', '-'))
        .start(
            () -> {
              long began = System.nanoTime();
              try {
                T value = start.get();
                phases.beside(name, System.nanoTime() - began);
                started.complete(value);
              } catch (RuntimeException | Error e) {
                started.completeExceptionally(e);
              }
            });
    return new StartedBeside<>(name, started, closer);
  }

  /**
   * The same, pushed onto {@code resources} at once, so that a start failing before it takes the
   * part stops it again.
   */
  static <T> StartedBeside<T> begin(
      String name,
      Supplier<T> start,
      Closer<T> closer,
      StartUpPhases phases,
      Deque<AutoCloseable> resources) {
    StartedBeside<T> started = begin(name, start, closer, phases);
    resources.push(started);
    return started;
  }

  /**
   * What was started, once it is (waiting for it if need be); from now on the caller owns it.
   *
   * @throws RuntimeException or {@link Error}: whatever the start of this part threw
   */
  T take() {
    T value = joined(started);
    taken = true;
    return value;
  }

  /**
   * The value of {@code future} once it is there; its failure thrown as it was thrown (a {@link
   * RuntimeException} or {@link Error}), not wrapped.
   */
  static <T> T joined(CompletableFuture<T> future) {
    try {
      return future.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw e;
    }
  }

  /** Stops what was started, unless it was taken; waits for its start to end first. */
  @Override
  public void close() throws Exception {
    if (taken) {
      return;
    }
    T value;
    try {
      value = started.join();
    } catch (CompletionException e) {
      return; // it never started: nothing to stop
    }
    closer.close(value);
  }

  @Override
  public String toString() {
    return "StartedBeside[" + name + "]";
  }
}
