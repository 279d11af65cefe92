package io.warden.bootstrap;

import io.warden.application.port.driven.CacheInvalidation;
import io.warden.application.port.driving.PermissionEventsUseCase;
import io.warden.domain.event.InvalidationScope;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * The last tier of the invalidation chain: what a change evicted, on this instance, from either
 * channel or a reconciliation, goes on to the permission event streams ({@code /api/me/events})
 * after the caches forgot it, so that a stream's re-check reads the new state. And the streams' one
 * heartbeat, on the shared scheduler.
 */
final class LiveEventsLink implements CacheInvalidation {
  private static final System.Logger LOG = System.getLogger(LiveEventsLink.class.getName());

  /** At most this many turns per heartbeat interval: at the 15 s default, one turn a second. */
  static final int MAX_TURNS = 15;

  /** A turn no shorter than this: intervals of a few hundred milliseconds (tests) take fewer. */
  static final Duration MIN_TURN = Duration.ofMillis(100);

  private volatile @Nullable PermissionEventsUseCase events;
  private final AtomicInteger turn = new AtomicInteger();
  private volatile int turns = 1;

  /**
   * Beats every stream once per {@code heartbeat}, in {@link #turns} turns spread over the interval
   * (each a share of the streams, see {@link PermissionEventsUseCase#heartbeat(int, int)}): ten
   * thousand idle streams then wake 667 at a time every second, not all of them at once every 15 s,
   * which held up every other request for as long as the burst lasted.
   */
  void attach(
      PermissionEventsUseCase attached, Duration heartbeat, ScheduledExecutorService scheduler) {
    this.events = attached;
    this.turns = turns(heartbeat);
    long tick = heartbeat.toNanos() / turns;
    scheduler.scheduleAtFixedRate(this::heartbeat, tick, tick, TimeUnit.NANOSECONDS);
  }

  /** How many turns a heartbeat interval is cut into: 1 to {@link #MAX_TURNS}. */
  static int turns(Duration heartbeat) {
    return (int) Math.max(1, Math.min(MAX_TURNS, heartbeat.toNanos() / MIN_TURN.toNanos()));
  }

  @Override
  public void invalidate(InvalidationScope scope, long version) {
    PermissionEventsUseCase current = events;
    if (current != null) {
      current.changed(scope, version);
    }
  }

  private void heartbeat() {
    try {
      PermissionEventsUseCase current = events;
      if (current != null) {
        int of = turns;
        current.heartbeat(Math.floorMod(turn.getAndIncrement(), of), of);
      }
    } catch (RuntimeException e) {
      // A failed beat must not cancel the schedule.
      LOG.log(System.Logger.Level.WARNING, "Event stream heartbeat failed", e);
    }
  }
}
