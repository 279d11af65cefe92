package io.warden.adapter.driven.postgres.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/** A clock that stands still until a test moves it: expiry is tested without sleeping. */
public final class TestClock extends Clock {
  private volatile Instant now;

  public TestClock(Instant start) {
    this.now = start;
  }

  /** A clock at a fixed, whole-second instant (PostgreSQL keeps microseconds). */
  public static TestClock standingStill() {
    return new TestClock(Instant.parse("2030-01-01T00:00:00Z"));
  }

  public void advance(Duration duration) {
    now = now.plus(duration);
  }

  public void set(Instant instant) {
    now = instant;
  }

  @Override
  public Instant instant() {
    return now;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("a TestClock is always UTC");
  }

  /** {@code now} plus {@code amount} {@code unit}s. */
  public Instant in(long amount, ChronoUnit unit) {
    return now.plus(amount, unit);
  }
}
