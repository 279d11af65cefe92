package io.warden.adapter.driven.redis;

import io.warden.application.port.driven.CacheEpochs;
import io.warden.application.port.driven.Unavailable;
import io.warden.domain.event.InvalidationScope;
import io.warden.domain.event.InvalidationScope.Everything;
import java.text.MessageFormat;
import java.time.Duration;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongConsumer;

/**
 * Which L2 namespace ({@link CacheEpochs epoch}) this instance reads and writes, and the lowest
 * data version it accepts from Redis whatever the markers say. Both only move forward. When an
 * invalidation cannot reach Redis, this is what keeps the stale entries it could not evict from
 * ever being read: the floor refuses them here at once, and the advanced epoch everywhere. When
 * Redis lost an epoch's data (its sentinel is gone), this is what moves every instance on.
 */
final class L2Namespace {
  private static final System.Logger LOG = System.getLogger(L2Namespace.class.getName());

  /** After an advance for a lost epoch failed (PostgreSQL down), how long before the next try. */
  private static final Duration RETRY_LOST_EPOCH = Duration.ofSeconds(1);

  private final CacheEpochs epochs;

  /** The namespace this instance reads and writes. */
  private volatile long epoch;

  /**
   * The lowest version this instance accepts from Redis: raised by every {@code Everything}
   * invalidation and by every invalidation that could not reach Redis.
   */
  private volatile long floor;

  /**
   * The epoch of the last call that reached Redis (at start: the first epoch, as if it had, since
   * earlier processes may have written there); see {@link #couldNotReach}.
   */
  private volatile long epochOfLastSuccess;

  /** One advance for a lost epoch at a time: the others just miss meanwhile. */
  private final ReentrantLock replacing = new ReentrantLock();

  /** {@link System#nanoTime} before which no advance for a lost epoch is tried again. */
  private volatile long quietUntil = System.nanoTime();

  L2Namespace(CacheEpochs epochs) {
    this.epochs = epochs;
    this.epoch = epochs.current();
    this.epochOfLastSuccess = epoch;
  }

  long epoch() {
    return epoch;
  }

  long floor() {
    return floor;
  }

  /** A call in {@code readEpoch} reached Redis. */
  void reached(long readEpoch) {
    epochOfLastSuccess = readEpoch;
  }

  synchronized void raiseFloor(long version) {
    if (version > floor) {
      floor = version;
    }
  }

  /**
   * Re-reads the epoch from the database: after this instance may have missed an announcement (its
   * invalidation feed reconnected), it must not go on reading a namespace another instance left.
   */
  void refresh() {
    try {
      adopt(epochs.current());
    } catch (RuntimeException e) {
      // The global marker raised next (or this instance's floor) still guards the old epoch.
      LOG.log(
          System.Logger.Level.WARNING,
          "could not re-read the L2 epoch, staying in epoch {0,number,#}: {1}",
          epoch,
          e.getMessage());
    }
  }

  /**
   * The marker could not be raised, so entries the change made stale may survive in Redis: move
   * every instance to a new namespace. Until the new epoch is in force, this instance itself
   * refuses every entry older than the change.
   *
   * <p>One exception keeps a Redis outage from turning into an endless chain of advances (each
   * advance is announced as an {@code Everything}, which fails again while Redis is away): an
   * {@code Everything} does not advance an epoch that this instance moved to without reaching Redis
   * since. That epoch is younger than the outage as this instance sees it; the instances that did
   * write into it receive the same {@code Everything} and raise the marker (or advance) themselves,
   * and this instance's floor already refuses everything older.
   *
   * <p>Redis being out of reach, the new epoch gets no sentinel: the first instance that reaches
   * Redis in it finds it lost and advances once more ({@link #replaceLost}).
   *
   * @throws Unavailable if the epoch could not be advanced either
   */
  void couldNotReach(
      InvalidationScope scope, long version, long failedEpoch, RedisL2Unavailable cause) {
    raiseFloor(version);
    if (scope instanceof Everything && failedEpoch != epochOfLastSuccess) {
      LOG.log(
          System.Logger.Level.WARNING,
          "L2 eviction {0} at version {1,number,#} could not reach Redis ({2}); epoch {3,number,#} is already new to this"
              + " instance, not advancing it again",
          scope,
          version,
          cause.getMessage(),
          failedEpoch);
      return;
    }
    long advanced;
    try {
      advanced = epochs.advance();
    } catch (RuntimeException e) {
      e.addSuppressed(cause);
      LOG.log(
          System.Logger.Level.ERROR,
          () ->
              MessageFormat.format(
                  "L2 eviction {0} at version {1,number,#} could not reach Redis and the L2 epoch could not be"
                      + " advanced: the change is committed but shared caches may serve stale permissions",
                  scope, version),
          e);
      throw new Unavailable(
          "the change is committed, but the shared cache could not be invalidated", e);
    }
    adopt(advanced);
    LOG.log(
        System.Logger.Level.WARNING,
        "L2 eviction {0} at version {1,number,#} could not reach Redis ({2}); advanced the L2 epoch to {3,number,#}",
        scope,
        version,
        cause.getMessage(),
        advanced);
  }

  /**
   * Redis no longer holds the sentinel of {@code lostEpoch}: it lost that epoch's data, the
   * min-version markers of changes already answered among it, so a load that read the database
   * before such a change could store its stale result there unguarded (window W9 of {@code
   * docs/invalidation-outages.md}). Nothing is read from or stored into a lost epoch again; this
   * advances the epoch from {@code lostEpoch} in the database, {@code createSentinel} making the
   * new epoch's sentinel before the advance commits. Two instances finding the loss advance once:
   * the second finds the epoch moved and adopts it. An instance already past {@code lostEpoch} does
   * nothing; a thread that finds another advancing, or that comes within a second of a failed
   * advance (PostgreSQL down: the epoch cannot move, so Redis stays unread and unwritten), does not
   * wait.
   */
  void replaceLost(long lostEpoch, LongConsumer createSentinel) {
    if (epoch > lostEpoch || System.nanoTime() - quietUntil < 0 || !replacing.tryLock()) {
      return;
    }
    try {
      if (epoch > lostEpoch) {
        return;
      }
      boolean[] made = {false};
      long advanced =
          epochs.advance(
              lostEpoch,
              next -> {
                createSentinel.accept(next);
                made[0] = true;
              });
      LOG.log(
          made[0] ? System.Logger.Level.WARNING : System.Logger.Level.INFO,
          made[0]
              ? "Redis lost the L2 epoch {0,number,#} (its sentinel is gone): advanced to {1,number,#}"
              : "Redis lost the L2 epoch {0,number,#}: another instance already moved on to {1,number,#}",
          lostEpoch,
          advanced);
      adopt(advanced);
    } catch (RuntimeException e) {
      quietUntil = System.nanoTime() + RETRY_LOST_EPOCH.toNanos();
      LOG.log(
          System.Logger.Level.WARNING,
          "Redis lost the L2 epoch {0,number,#} and it could not be advanced; L2 stays unused: {1}",
          lostEpoch,
          e.getMessage());
    } finally {
      replacing.unlock();
    }
  }

  private synchronized void adopt(long candidate) {
    if (candidate > epoch) {
      LOG.log(System.Logger.Level.INFO, "L2 epoch {0,number,#} -> {1,number,#}", epoch, candidate);
      epoch = candidate;
    }
  }
}
