package io.warden.bootstrap;

import io.warden.application.port.driven.CacheInvalidation;
import io.warden.application.port.driving.PermissionEventsUseCase;
import io.warden.domain.event.InvalidationScope;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The last tier of the invalidation chain: what a change evicted, on this instance, from either
 * channel or a reconciliation, goes on to the permission event streams ({@code /api/me/events})
 * after the caches forgot it, so that a stream's re-check reads the new state. And the streams'
 * one heartbeat, on the shared scheduler.
 */
final class LiveEventsLink implements CacheInvalidation {
  private static final System.Logger LOG = System.getLogger(LiveEventsLink.class.getName());

  private volatile PermissionEventsUseCase events;

  void attach(
      PermissionEventsUseCase attached, Duration heartbeat, ScheduledExecutorService scheduler) {
    this.events = attached;
    long every = heartbeat.toMillis();
    scheduler.scheduleAtFixedRate(this::heartbeat, every, every, TimeUnit.MILLISECONDS);
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
      events.heartbeat();
    } catch (RuntimeException e) {
      // A failed beat must not cancel the schedule.
      LOG.log(System.Logger.Level.WARNING, "Event stream heartbeat failed", e);
    }
  }
}
