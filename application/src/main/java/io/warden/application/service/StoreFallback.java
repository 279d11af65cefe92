package io.warden.application.service;

import io.warden.application.port.driven.InstanceRegistry;
import io.warden.application.port.driven.QuotaStore;
import io.warden.application.port.driven.Unavailable;
import io.warden.application.port.driving.HealthUseCase.Check;
import io.warden.application.port.driving.HealthUseCase.Status;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Whether the shared quota store is away, for {@link RateLimitService}: the switch to local limits
 * and back (each logged once, each clearing the local windows through {@code onSwitch}), and the
 * one caller a second that may try the store again meanwhile.
 */
final class StoreFallback {
  private static final System.Logger LOG = System.getLogger(RateLimitService.class.getName());
  private static final long PROBE_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);
  private static final String PROBE_KEY = "probe:store-available";

  private final QuotaStore quota;
  private final InstanceRegistry instances;
  private final LongSupplier nanoTime;
  private final Runnable onSwitch;
  private final AtomicBoolean active = new AtomicBoolean();
  private final AtomicLong nextProbe = new AtomicLong();

  StoreFallback(
      QuotaStore quota, InstanceRegistry instances, LongSupplier nanoTime, Runnable onSwitch) {
    this.quota = quota;
    this.instances = instances;
    this.nanoTime = nanoTime;
    this.onSwitch = onSwitch;
  }

  /** Whether the limits are enforced locally, divided, because the store is away. */
  boolean active() {
    return active.get();
  }

  /** Whether this caller is the one that tries the store again now (at most once a second). */
  boolean probeDue() {
    long now = nanoTime.getAsLong();
    long due = nextProbe.get();
    return now - due >= 0 && nextProbe.compareAndSet(due, now + PROBE_INTERVAL_NANOS);
  }

  void enter(Unavailable cause) {
    nextProbe.set(nanoTime.getAsLong() + PROBE_INTERVAL_NANOS);
    if (active.compareAndSet(false, true)) {
      LOG.log(
          System.Logger.Level.WARNING,
          "Rate limits: {0} is unavailable ({1}); each instance now enforces every limit divided"
              + " by the {2} live instance(s), until it is back",
          quota.describe(),
          cause.getMessage(),
          instances.liveInstances());
      onSwitch.run();
    }
  }

  void leave() {
    if (active.get() && active.compareAndSet(true, false)) {
      LOG.log(
          System.Logger.Level.INFO,
          "Rate limits: {0} is back; limits are shared again",
          quota.describe());
      onSwitch.run();
    }
  }

  /**
   * The store's part of the {@code ratelimit} health check. While the store is away it is asked for
   * one permit of a bucket of its own, so that the limits become shared again even while no limited
   * request arrives (at most once a second).
   */
  Check health() {
    if (active.get() && probeDue()) {
      try {
        quota.take(PROBE_KEY, 1_000, Duration.ofSeconds(1), 1);
        leave();
      } catch (Unavailable e) {
        nextProbe.set(nanoTime.getAsLong() + PROBE_INTERVAL_NANOS);
      }
    }
    int live = instances.liveInstances();
    return active.get()
        ? new Check(
            Status.DEGRADED,
            quota.describe()
                + " unavailable: local limits divided by "
                + live
                + " live instance(s)")
        : new Check(
            Status.UP, "shared through " + quota.describe() + ", " + live + " live instance(s)");
  }
}
