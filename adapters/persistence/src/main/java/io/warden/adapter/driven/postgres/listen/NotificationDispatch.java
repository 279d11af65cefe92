package io.warden.adapter.driven.postgres.listen;

import io.warden.adapter.driven.postgres.InvalidationMessage;
import io.warden.application.port.driven.CacheInvalidation;
import io.warden.application.port.driven.Metrics;
import io.warden.domain.event.InvalidationScope;
import java.text.MessageFormat;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGNotification;

/**
 * Hands each notification of {@link InvalidationMessage#CHANNEL} to the cache tiers as the
 * invalidation it announces, and reports its revocation latency. A message it cannot read flushes
 * everything: only Warden writes to the channel, and dropping it could leave stale entries.
 */
final class NotificationDispatch {
  private static final System.Logger LOG = System.getLogger(NotificationDispatch.class.getName());
  private static final Clock WALL = Clock.systemUTC();

  private final LongSupplier dataVersion;
  private final AtomicLong received = new AtomicLong();
  private final AtomicLong handled = new AtomicLong();
  private final AtomicLong rejected = new AtomicLong();
  private volatile Metrics metrics = Metrics.NONE;

  /**
   * @param dataVersion the current data version, which an unreadable message's flush is stamped
   *     with
   */
  NotificationDispatch(LongSupplier dataVersion) {
    this.dataVersion = dataVersion;
  }

  void reportTo(Metrics metrics) {
    this.metrics = metrics;
  }

  /** Readable messages handed to the tiers so far. */
  long received() {
    return received.get();
  }

  /** Readable messages whose invalidation has returned (evicted, or failed and logged). */
  long handled() {
    return handled.get();
  }

  /** Dispatches every notification; pgjdbc answers null or an empty array when none arrived. */
  void dispatchAll(PGNotification @Nullable [] notifications, CacheInvalidation onMessage) {
    if (notifications != null) {
      for (PGNotification notification : notifications) {
        dispatch(notification, onMessage);
      }
    }
  }

  private void dispatch(PGNotification notification, CacheInvalidation onMessage) {
    if (!InvalidationMessage.CHANNEL.equals(notification.getName())) {
      return;
    }
    InvalidationMessage message;
    try {
      message = InvalidationMessage.parse(notification.getParameter());
    } catch (IllegalArgumentException e) {
      // Only Warden writes to the channel; a message it cannot read is a bug or an intruder, and
      // dropping it silently could leave stale entries: treat it as a change to everything.
      rejected.incrementAndGet();
      LOG.log(
          System.Logger.Level.ERROR,
          "unreadable invalidation message, flushing everything: {0}",
          e.getMessage());
      onMessage.invalidate(new InvalidationScope.Everything(), dataVersion.getAsLong());
      return;
    }
    received.incrementAndGet();
    try {
      if (message.set().isPresent()
          && message.scope() instanceof InvalidationScope.UserInTenant pair) {
        onMessage.invalidate(pair, message.version(), message.set().get());
      } else {
        onMessage.invalidate(message.scope(), message.version());
      }
      if (message.journaledAtMillis() != InvalidationMessage.UNKNOWN_TIME) {
        metrics.revoked(message.type(), WALL.millis() - message.journaledAtMillis());
      }
    } catch (RuntimeException e) {
      LOG.log(
          System.Logger.Level.ERROR,
          () ->
              MessageFormat.format(
                  "invalidation of {0} failed: {1}", message.scope(), e.getMessage()),
          e);
    } finally {
      handled.incrementAndGet();
    }
  }
}
