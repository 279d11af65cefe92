package io.warden.bootstrap;

import io.warden.application.port.driven.PasswordHasher;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The password hasher, built after the port opens instead of during the start: the first Argon2id
 * hash (the dummy one its constructor computes) runs interpreted, about 0.9 s of CPU, which on two
 * cores slowed the database phase it ran beside. {@link #startBuilding()} builds it on a thread of
 * its own once the instance is ready; whatever needs it first — a login, or the first start's
 * provisioning of the administrator, which comes before the port opens — starts the build if it has
 * not begun, and waits for it. A build that failed fails every call with its cause.
 */
final class DeferredPasswordHasher implements PasswordHasher {
  private final Supplier<? extends PasswordHasher> build;
  private final AtomicBoolean started = new AtomicBoolean();
  private final CompletableFuture<PasswordHasher> built = new CompletableFuture<>();

  DeferredPasswordHasher(Supplier<? extends PasswordHasher> build) {
    this.build = build;
  }

  /** Starts the build in the background unless it has begun; returns at once. */
  void startBuilding() {
    if (started.compareAndSet(false, true)) {
      Thread.ofPlatform().daemon().name("warden-start-password-hasher").start(this::buildNow);
    }
  }

  /** Whether the hasher is built (or its build failed): nothing waits any more. */
  boolean isBuilt() {
    return built.isDone();
  }

  private void buildNow() {
    try {
      built.complete(build.get());
    } catch (RuntimeException | Error e) {
      built.completeExceptionally(e);
    }
  }

  private PasswordHasher hasher() {
    if (started.compareAndSet(false, true)) {
      buildNow(); // needed before anything started it: build here rather than wait for a thread
    }
    return StartedBeside.joined(built);
  }

  @Override
  public String hash(String password) {
    return hasher().hash(password);
  }

  @Override
  public boolean verify(@Nullable String password, @Nullable String hash) {
    return hasher().verify(password, hash);
  }

  @Override
  public void verifyDummy(@Nullable String password) {
    hasher().verifyDummy(password);
  }
}
