package io.warden.bootstrap.testing;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * Bounded waiting for something a background thread does (a breaker closing, a listener
 * reconnecting): asks again every few milliseconds until the condition holds, and fails with the
 * last thing seen once the deadline has passed. Deadlines are generous, never the assertion.
 */
public final class Poll {
  private Poll() {}

  /** Waits until {@code probe} answers something {@code done} accepts; returns that answer. */
  public static <T> T until(
      Duration deadline, String what, Supplier<T> probe, java.util.function.Predicate<T> done) {
    long end = System.nanoTime() + deadline.toNanos();
    while (true) {
      T seen = probe.get();
      if (done.test(seen)) {
        return seen;
      }
      if (System.nanoTime() > end) {
        throw new AssertionError(
            "not within " + deadline + ": " + what + " (last seen: " + seen + ")");
      }
      pause(10);
    }
  }

  /** Waits until {@code condition} holds. */
  public static void until(
      Duration deadline, String what, java.util.function.BooleanSupplier condition) {
    until(deadline, what, condition::getAsBoolean, Boolean::booleanValue);
  }

  /** Sleeps {@code millis}; an interruption fails the test. */
  public static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }
}
