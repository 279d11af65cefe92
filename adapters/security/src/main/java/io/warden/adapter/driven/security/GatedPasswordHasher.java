package io.warden.adapter.driven.security;

import io.warden.application.port.driven.Overloaded;
import io.warden.application.port.driven.PasswordHasher;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Runs every password hash and verification behind a bounded gate: at most {@link Limits#permits()}
 * at once (one per core by default), at most {@link Limits#queue()} more waiting, none waiting
 * longer than {@link Limits#maxWait()}. Anything beyond is refused at once with {@link Overloaded}
 * (503 with {@code Retry-After}).
 *
 * <p>Why: each Argon2id computation holds its memory cost (19 MiB by default) and a core for tens
 * of milliseconds. On virtual threads nothing else bounds how many run together, so a flood of
 * logins would pile up gigabytes of Argon2 state and starve the permission checks of CPU. Behind
 * the gate, at most {@code permits} states exist at any moment; a waiting login holds no Argon2
 * memory, and the warm checks keep the remaining CPU.
 *
 * <p>The hashes run on a small pool of platform threads of their own ({@code permits} of them),
 * never on the caller's virtual thread: a CPU-bound Argon2 computation does not yield, so on the
 * caller's virtual thread it would pin one of the few carrier threads (one per core) that every
 * request shares. With one permit per core, a login flood pinned them all and the warm checks
 * stalled behind it (114 checks/s instead of 14,000 in {@code benchmarks/run-login-flood.sh}); on
 * platform threads the operating system shares the cores with the carriers, which stay free for the
 * checks. The waiting caller blocks on the result, which unmounts its virtual thread.
 *
 * <p>On Linux the hashing threads also run at a lower scheduling priority than the rest of the JVM:
 * each raises its nice value by 10 when it starts ({@link LowPriorityThreads}, through {@code
 * renice}, no privilege or JVM flag needed). The scheduler then weighs a hashing thread at 110
 * against 1024 for a carrier thread, so when requests need the cores they get them (the hashes slow
 * down instead of the checks), and when nothing else runs a hash still has a whole core. Where that
 * cannot be done, the hashing threads keep the JVM's priority and a line at INFO says why.
 *
 * <p>The gate is the same for a known and an unknown e-mail (the dummy verification goes through it
 * too), so a refusal tells nothing about the account.
 */
public final class GatedPasswordHasher implements PasswordHasher, AutoCloseable {
  static final String BUSY = "too many logins are being checked right now; try again shortly";

  private final PasswordHasher delegate;
  private final Limits limits;
  private final Semaphore running;
  private final AtomicInteger admitted = new AtomicInteger();
  private final LongAdder refused = new LongAdder();
  private final ExecutorService hashing;

  public GatedPasswordHasher(PasswordHasher delegate, Limits limits) {
    this(
        delegate,
        limits,
        new LowPriorityThreads(Thread.ofPlatform().daemon().name("warden-hash-", 1).factory()));
  }

  /** A gate whose hashes run on threads of {@code hashingThreads}, one per permit. */
  GatedPasswordHasher(PasswordHasher delegate, Limits limits, ThreadFactory hashingThreads) {
    this.delegate = delegate;
    this.limits = limits;
    this.running = new Semaphore(limits.permits(), true);
    this.hashing = Executors.newFixedThreadPool(limits.permits(), hashingThreads);
  }

  /**
   * The bounds of the gate.
   *
   * @param permits hashes computed at once
   * @param queue callers that may wait for a permit beyond those running
   * @param maxWait the longest a caller waits for a permit before it is refused
   */
  public record Limits(int permits, int queue, Duration maxWait) {
    public Limits {
      if (permits < 1) {
        throw new IllegalArgumentException("permits must be at least 1: " + permits);
      }
      if (queue < 0) {
        throw new IllegalArgumentException("queue must not be negative: " + queue);
      }
      if (maxWait.isNegative()) {
        throw new IllegalArgumentException("maxWait must not be negative: " + maxWait);
      }
    }

    /** One permit per core, four waiting per permit, one second's wait at most. */
    public static Limits perCore() {
      int permits = defaultPermits(Runtime.getRuntime().availableProcessors());
      return new Limits(permits, 4 * permits, Duration.ofSeconds(1));
    }

    /**
     * The default number of permits on a machine of {@code cores} cores: one per core. The hashes
     * run on platform threads of a lower priority, so even with every permit taken the operating
     * system gives the cores to the request threads when they need them instead of the hashes
     * pinning them.
     */
    public static int defaultPermits(int cores) {
      return Math.max(1, cores);
    }
  }

  @Override
  public String hash(String password) {
    return gated(() -> delegate.hash(password));
  }

  @Override
  public boolean verify(@Nullable String password, @Nullable String hash) {
    return gated(() -> delegate.verify(password, hash));
  }

  @Override
  public void verifyDummy(@Nullable String password) {
    gated(
        () -> {
          delegate.verifyDummy(password);
          return null;
        });
  }

  /** Refuses when every permit and every place in the queue is taken. */
  @Override
  public void ensureCapacity() {
    if (admitted.get() >= limits.permits() + limits.queue()) {
      throw refuse();
    }
  }

  /** Callers refused since the start. */
  public long refused() {
    return refused.sum();
  }

  /** Callers computing or waiting right now. */
  public int admitted() {
    return admitted.get();
  }

  private <T> T gated(Supplier<T> work) {
    if (admitted.incrementAndGet() > limits.permits() + limits.queue()) {
      admitted.decrementAndGet();
      throw refuse();
    }
    try {
      if (!acquire()) {
        throw refuse();
      }
      try {
        return onHashingThread(work);
      } finally {
        running.release();
      }
    } finally {
      admitted.decrementAndGet();
    }
  }

  /**
   * Runs the work on a hashing thread and waits for it; its failures reach the caller as they were.
   */
  private <T> T onHashingThread(Supplier<T> work) {
    Future<T> result = hashing.submit(work::get);
    try {
      return result.get();
    } catch (InterruptedException e) {
      result.cancel(true);
      Thread.currentThread().interrupt();
      throw refuse();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException failure) {
        throw failure;
      }
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  /** Stops the hashing threads; hashes already running finish. */
  @Override
  public void close() {
    hashing.shutdown();
  }

  private boolean acquire() {
    try {
      return running.tryAcquire(limits.maxWait().toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private Overloaded refuse() {
    refused.increment();
    return new Overloaded(BUSY, retryAfter());
  }

  /** Time for the queue to drain once: never less than a second (the header's unit). */
  private Duration retryAfter() {
    return limits.maxWait().compareTo(Duration.ofSeconds(1)) < 0
        ? Duration.ofSeconds(1)
        : limits.maxWait();
  }
}
