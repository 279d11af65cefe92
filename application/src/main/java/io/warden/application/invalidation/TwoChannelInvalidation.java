package io.warden.application.invalidation;

import io.warden.application.port.driven.CacheInvalidation;
import io.warden.application.port.driven.ChangeAnnouncer;
import io.warden.application.port.driven.ChangeJournal;
import io.warden.application.port.driven.ChangeLog;
import io.warden.application.port.driven.InvalidationFeed;
import io.warden.application.port.driven.InvalidationWitness;
import io.warden.application.port.driven.PermissionSnapshot;
import io.warden.domain.event.InvalidationScope;
import io.warden.domain.event.RbacEvent;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;

/**
 * Invalidation over two channels: the primary push feed (PostgreSQL {@code LISTEN/NOTIFY}, in the
 * change's transaction) and a second, independent one with a witness (see {@link ChangeAnnouncer}
 * and {@link InvalidationWitness}).
 *
 * <p><b>The rule.</b> In-process caches trust their entries ({@link #feed()} is live) while the
 * primary feed is live, or while the primary feed was confirmed at most {@code maxWitnessed} ago
 * <em>and</em> the witness vouches that no change of a version above this instance's {@link
 * AppliedVersions#watermark() watermark} was begun. Otherwise today's staleness bound applies.
 * Every change, from either channel, is applied once per instance; the writer announces its changes
 * on the second channel after its own evictions; an instance whose primary feed comes back
 * reconciles against the {@link ChangeLog} (evicts exactly what it missed) and flushes only when
 * the log cannot say.
 */
public final class TwoChannelInvalidation {
  private static final System.Logger LOG = System.getLogger(TwoChannelInvalidation.class.getName());

  /** A reconciliation longer than this evicts everything instead: cheaper, and just as correct. */
  public static final int MAX_RECONCILED_CHANGES = 10_000;

  private final AppliedVersions applied = new AppliedVersions();
  private final ChangeAnnouncer announcer;
  private final InvalidationWitness witness;
  private final ChangeLog changeLog;
  private final InvalidationFeed primary;
  private final LongSupplier primaryConfirmedAt;
  private final long maxWitnessedNanos;
  private final LongSupplier nanoTime;
  private final InvalidationFeed feed = this::trusted;

  /**
   * @param primaryConfirmedAt the {@code nanoTime} of the primary feed's last confirmation, {@code
   *     Long.MIN_VALUE} before its first
   * @param maxWitnessed how long after the primary feed's last confirmation the witness alone may
   *     keep the caches trusted; zero turns the second channel's vouching off
   */
  public TwoChannelInvalidation(
      ChangeAnnouncer announcer,
      InvalidationWitness witness,
      ChangeLog changeLog,
      InvalidationFeed primary,
      LongSupplier primaryConfirmedAt,
      Duration maxWitnessed,
      LongSupplier nanoTime) {
    this.announcer = announcer;
    this.witness = witness;
    this.changeLog = changeLog;
    this.primary = primary;
    this.primaryConfirmedAt = primaryConfirmedAt;
    if (maxWitnessed.isNegative()) {
      throw new IllegalArgumentException("maxWitnessed must not be negative: " + maxWitnessed);
    }
    this.maxWitnessedNanos = maxWitnessed.toNanos();
    this.nanoTime = nanoTime;
  }

  /** What the in-process caches ask: may an entry older than the staleness bound be served? */
  public InvalidationFeed feed() {
    return feed;
  }

  private boolean trusted() {
    return primary.live() || witnessed();
  }

  /** True while the primary feed is down and the witness alone keeps the caches trusted. */
  public boolean witnessed() {
    if (maxWitnessedNanos == 0) {
      return false;
    }
    long confirmedAt = primaryConfirmedAt.getAsLong();
    if (confirmedAt == Long.MIN_VALUE || nanoTime.getAsLong() - confirmedAt > maxWitnessedNanos) {
      return false;
    }
    return witness.vouchesUpTo(applied.watermark());
  }

  /** Versions applied here. */
  public AppliedVersions applied() {
    return applied;
  }

  public InvalidationWitness witness() {
    return witness;
  }

  /**
   * What the primary feed's messages go to: every tier (shared first, as a change message evicts),
   * then the version counts as applied.
   */
  public CacheInvalidation fromPrimary(CacheInvalidation tiers) {
    return new CacheInvalidation() {
      @Override
      public void invalidate(InvalidationScope scope, long version) {
        tiers.invalidate(scope, version);
        record(scope, version);
      }

      @Override
      public void invalidate(
          InvalidationScope.UserInTenant scope, long version, PermissionSnapshot now) {
        tiers.invalidate(scope, version, now);
        record(scope, version);
      }
    };
  }

  /** What the second channel's messages go to: the same, unless the version is applied already. */
  public CacheInvalidation fromWitness(CacheInvalidation tiers) {
    return (scope, version) -> {
      if (applied.isApplied(version)) {
        return;
      }
      tiers.invalidate(scope, version);
      record(scope, version);
    };
  }

  private void record(InvalidationScope scope, long version) {
    if (scope instanceof InvalidationScope.Everything) {
      // Everything evicted after version's commit covers every version committed before it.
      applied.coverTo(version);
    } else {
      applied.applied(version);
    }
  }

  /**
   * What the writer evicts through after its commit: every tier (the shared one first), which
   * applies the change here, then the announcement on the second channel, whether or not the
   * evictions succeeded.
   */
  public CacheInvalidation afterCommit(CacheInvalidation tiers) {
    return new CacheInvalidation() {
      @Override
      public void invalidate(InvalidationScope scope, long version) {
        applyThenAnnounce(scope, version, () -> tiers.invalidate(scope, version));
      }

      @Override
      public void invalidate(
          InvalidationScope.UserInTenant scope, long version, PermissionSnapshot now) {
        applyThenAnnounce(scope, version, () -> tiers.invalidate(scope, version, now));
      }
    };
  }

  private void applyThenAnnounce(InvalidationScope scope, long version, Runnable evict) {
    try {
      evict.run();
      record(scope, version);
    } finally {
      announcer.announce(version, scope);
    }
  }

  /** The change journal with the beacon raised, inside the transaction, for every version. */
  public ChangeJournal journal(ChangeJournal journal) {
    return new ChangeJournal() {
      @Override
      public long record(RbacEvent event) {
        long version = journal.record(event);
        announcer.intend(version);
        return version;
      }

      @Override
      public void holdVersions() {
        journal.holdVersions();
      }

      @Override
      public void attach(long version, PermissionSnapshot now) {
        journal.attach(version, now);
      }
    };
  }

  /** How a reconnection was settled. */
  public enum Reconciled {
    /** Nothing was missed. */
    NOTHING,
    /** Exactly the missed changes were evicted, read from the change log. */
    FROM_LOG,
    /** The log could not say (first connection, pruned, too many): everything was evicted. */
    FLUSHED
  }

  /**
   * The primary feed is listening again and the data version is {@code current}: evicts what was
   * missed since the watermark, from the change log, or runs {@code flush} (which must evict every
   * local entry) when the log cannot say; then every version up to {@code current} counts as
   * applied.
   */
  public Reconciled reconnected(long current, CacheInvalidation tiers, LongConsumer flush) {
    long watermark = applied.watermark();
    Reconciled outcome;
    if (watermark >= 0 && watermark >= current) {
      outcome = Reconciled.NOTHING;
    } else {
      Optional<List<ChangeLog.Logged>> missed = missedSince(watermark, current);
      if (missed.isPresent()) {
        for (ChangeLog.Logged change : missed.get()) {
          tiers.invalidate(change.scope(), change.version());
        }
        outcome = missed.get().isEmpty() ? Reconciled.NOTHING : Reconciled.FROM_LOG;
      } else {
        flush.accept(current);
        outcome = Reconciled.FLUSHED;
      }
    }
    applied.coverTo(current);
    return outcome;
  }

  private Optional<List<ChangeLog.Logged>> missedSince(long watermark, long current) {
    if (watermark < 0 || current - watermark > MAX_RECONCILED_CHANGES) {
      return Optional.empty();
    }
    try {
      return changeLog.between(watermark, current);
    } catch (RuntimeException e) {
      LOG.log(
          System.Logger.Level.WARNING,
          "Could not read the change log ({0}): evicting everything instead",
          e.getMessage());
      return Optional.empty();
    }
  }
}
