package io.warden.adapter.driven.security;

import io.warden.application.port.driven.Overloaded;
import io.warden.application.port.driven.PasswordHasher;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

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
 * <p>The gate is the same for a known and an unknown e-mail (the dummy verification goes through it
 * too), so a refusal tells nothing about the account.
 */
public final class GatedPasswordHasher implements PasswordHasher {
  static final String BUSY = "too many logins are being checked right now; try again shortly";

  private final PasswordHasher delegate;
  private final Limits limits;
  private final Semaphore running;
  private final AtomicInteger admitted = new AtomicInteger();
  private final LongAdder refused = new LongAdder();

  public GatedPasswordHasher(PasswordHasher delegate, Limits limits) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
    this.limits = Objects.requireNonNull(limits, "limits");
    this.running = new Semaphore(limits.permits(), true);
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
      Objects.requireNonNull(maxWait, "maxWait");
      if (maxWait.isNegative()) {
        throw new IllegalArgumentException("maxWait must not be negative: " + maxWait);
      }
    }

    /** One permit per core, four waiting per permit, one second's wait at most. */
    public static Limits perCore() {
      int cores = Runtime.getRuntime().availableProcessors();
      return new Limits(cores, 4 * cores, Duration.ofSeconds(1));
    }
  }

  @Override
  public String hash(String password) {
    return gated(() -> delegate.hash(password));
  }

  @Override
  public boolean verify(String password, String hash) {
    return gated(() -> delegate.verify(password, hash));
  }

  @Override
  public void verifyDummy(String password) {
    gated(
        () -> {
          delegate.verifyDummy(password);
          return null;
        });
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
        return work.get();
      } finally {
        running.release();
      }
    } finally {
      admitted.decrementAndGet();
    }
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
