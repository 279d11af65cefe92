package io.warden.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A UTC clock that tests move by hand, safe to read and move from several threads: Warden takes
 * time only from an injected {@link Clock}, so a test decides what "now" is.
 */
public final class MutableClock extends Clock {
  private final AtomicReference<Instant> now;

  public MutableClock(Instant start) {
    this.now = new AtomicReference<>(Objects.requireNonNull(start, "start"));
  }

  /** A clock at a fixed, whole-second instant (PostgreSQL keeps microseconds, not nanoseconds). */
  public static MutableClock standingStill() {
    return new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
  }

  /** Moves the clock by {@code duration} (backwards if it is negative). */
  public void advance(Duration duration) {
    now.updateAndGet(instant -> instant.plus(duration));
  }

  public void set(Instant instant) {
    now.set(Objects.requireNonNull(instant, "instant"));
  }

  /** {@code now} plus {@code amount} {@code unit}s. */
  public Instant in(long amount, ChronoUnit unit) {
    return now.get().plus(amount, unit);
  }

  @Override
  public Instant instant() {
    return now.get();
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("a test clock lives in UTC");
  }
}
