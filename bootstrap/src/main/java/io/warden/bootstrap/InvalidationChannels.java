package io.warden.bootstrap;

import io.warden.adapter.driven.infinispan.InfinispanTier;
import io.warden.adapter.driven.postgres.PostgresPersistence;
import io.warden.adapter.driven.postgres.listen.PostgresInvalidationListener;
import io.warden.adapter.driven.redis.RedisTier;
import io.warden.adapter.driven.redis.witness.RedisChangeChannel;
import io.warden.application.invalidation.FeedRevisions;
import io.warden.application.invalidation.TwoChannelInvalidation;
import io.warden.application.port.driven.CacheInvalidation;
import io.warden.application.port.driven.ChangeAnnouncer;
import io.warden.application.port.driven.ChangeJournal;
import io.warden.application.port.driven.HealthProbe;
import io.warden.application.port.driven.InvalidationFeed;
import io.warden.application.port.driven.InvalidationWitness;
import io.warden.application.port.driven.PermissionSnapshot;
import io.warden.application.port.driven.Revisions;
import io.warden.application.port.driving.HealthUseCase;
import io.warden.domain.event.InvalidationScope;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import org.jspecify.annotations.Nullable;

/**
 * The wiring of the two invalidation channels (issue #12): PostgreSQL {@code LISTEN/NOTIFY} and,
 * when Redis is configured, the Redis change stream with its version beacon, combined by {@link
 * TwoChannelInvalidation}. {@link StartSequence} calls it in a few lines; the rules are in the
 * application class and {@code docs/invalidation-outages.md}.
 *
 * <p>Over 300 lines because the order in which a change reaches the tiers is decided here, in one
 * place: the two eviction orders (a change made here: every tier, then the L1 refill; a change
 * heard from elsewhere: L1 first, then every tier) each with the overload that keeps an announced
 * set, the late-attached Redis channel, and the {@code /health} checks that read both channels.
 * Split, the orders would have to be read across files to be checked against the protocol.
 */
final class InvalidationChannels implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(InvalidationChannels.class.getName());

  /** About this many announcements stay in the Redis stream. */
  static final long STREAM_LENGTH = 100_000;

  /** The change log keeps about this many versions; an instance further behind flushes. */
  static final long LOG_RETENTION = 100_000;

  private final PostgresPersistence persistence;
  private final PostgresInvalidationListener listener;
  private final WardenConfig config;
  private final LateChannel late = new LateChannel();
  private final TwoChannelInvalidation channels;
  private final boolean l1;

  private InvalidationChannels(
      WardenConfig config, PostgresPersistence persistence, PostgresInvalidationListener listener) {
    this.config = config;
    this.persistence = persistence;
    this.listener = listener;
    this.l1 = config.cacheL1();
    this.channels =
        new TwoChannelInvalidation(
            late,
            late,
            persistence.changeLog(),
            listener,
            listener::confirmedAtNanos,
            config.witnessMax(),
            System::nanoTime);
  }

  /**
   * The channels of an instance. The Redis channel rides on the L2 connection, which the cache
   * tiers open after the feed they are given exists: it is attached in {@link #start}; until then
   * (and without Redis, or with witness-max 0) there is no second channel and it vouches for
   * nothing.
   */
  static InvalidationChannels create(
      WardenConfig config, PostgresPersistence persistence, PostgresInvalidationListener listener) {
    return new InvalidationChannels(config, persistence, listener);
  }

  /** What the in-process caches ask whether they may trust an entry older than the bound. */
  InvalidationFeed feed() {
    return channels.feed();
  }

  /**
   * What a request asking for at least a revision waits on: the versions this instance applied, and
   * PostgreSQL's current data version for a revision the feed has not brought in time.
   */
  Revisions revisions(Duration maxWait) {
    return new FeedRevisions(channels.applied(), persistence::dataVersion, maxWait);
  }

  /** The journal the services record through: the beacon is raised before every commit. */
  ChangeJournal journal(ChangeJournal journal) {
    return channels.journal(journal);
  }

  /**
   * Attaches the Redis channel (when L2 is configured) and starts both channels; returns what the
   * services evict through after a commit: every tier, then the L1 refill, then the announcement. A
   * message of either channel goes to every tier; when the {@code LISTEN} connection is back, the
   * L2 tier resynchronizes (re-reads its epoch), then what was missed is evicted from the change
   * log, or every tier resynchronizes (L1 forgets everything) when the log cannot say.
   */
  CacheInvalidation start(
      CacheTiers tiers,
      CacheInvalidation all,
      LongConsumer resynchronize,
      ScheduledExecutorService scheduler) {
    Optional<RedisTier> redis = tiers.tier(RedisTier.class);
    Optional<RedisChangeChannel> channel =
        redis
            .filter(r -> !config.witnessMax().isZero())
            .map(
                r ->
                    new RedisChangeChannel(
                        r.connection(),
                        config.redisKeyPrefix(),
                        config.stalenessBound(),
                        STREAM_LENGTH));
    channel.ifPresent(late::attach);
    CacheInvalidation evictThenRefill = refillAfter(tiers, all);
    CacheInvalidation fromElsewhere = localFirst(tiers, evictThenRefill);
    listener.start(
        channels.fromPrimary(fromElsewhere),
        current -> {
          redis.ifPresent(tier -> tier.resynchronize(current));
          TwoChannelInvalidation.Reconciled outcome =
              channels.reconnected(current, all, resynchronize);
          LOG.log(
              System.Logger.Level.INFO,
              "Invalidation feed listening at version {0,number,#}: {1}",
              current,
              outcome);
        });
    channel.ifPresent(
        c ->
            c.start(
                channels.fromWitness(fromElsewhere),
                channels.applied()::watermark,
                listener::live));
    scheduler.scheduleWithFixedDelay(this::pruneQuietly, 10, 600, TimeUnit.SECONDS);
    return channels.afterCommit(evictThenRefill);
  }

  /**
   * Every tier evicted, innermost first; then, only if that whole pass succeeded, L1 starts
   * reloading the one permission set a {@code UserInTenant} scope names if it held it (in the
   * background: neither the writer's answer nor the listener's next message waits for it). Only
   * after the pass: a refill begun earlier could read an L2 entry the change made stale. The load
   * is guarded like any miss (InfinispanPermissionCache#refill), so the next check finds the new
   * set in L1 instead of reloading it: an L2 script and a query less between a revocation and the
   * first answer that shows it.
   */
  private static CacheInvalidation refillAfter(CacheTiers tiers, CacheInvalidation all) {
    Optional<InfinispanTier> local = tiers.tier(InfinispanTier.class);
    if (local.isEmpty()) {
      return all;
    }
    InfinispanTier l1 = local.get();
    return new CacheInvalidation() {
      @Override
      public void invalidate(InvalidationScope scope, long version) {
        all.invalidate(scope, version);
        l1.refill(scope);
      }

      /** A set kept in its new state is not refilled: only one that was evicted. */
      @Override
      public void invalidate(
          InvalidationScope.UserInTenant scope, long version, PermissionSnapshot now) {
        all.invalidate(scope, version, now);
        l1.refill(scope);
      }
    };
  }

  /**
   * What a change made on another instance evicts here: this instance's in-process tier first (no
   * round trip), then every tier innermost first as the protocol requires — L2, then L1 again, so
   * that an L1 entry refilled meanwhile from an L2 entry the writer had not evicted yet goes too.
   * The writer evicts L2 before it answers, so from its answer on the first step alone makes this
   * instance answer the new state: the Redis round trip (and its thread hand-offs, which a loaded
   * machine stretches) no longer stands between the {@code NOTIFY} and the eviction.
   */
  private static CacheInvalidation localFirst(CacheTiers tiers, CacheInvalidation all) {
    Optional<InfinispanTier> local = tiers.tier(InfinispanTier.class);
    if (local.isEmpty() || tiers.tiers().size() == 1) {
      return all; // nothing in front of a round trip to take first
    }
    InfinispanTier l1 = local.get();
    return new CacheInvalidation() {
      @Override
      public void invalidate(InvalidationScope scope, long version) {
        try {
          l1.invalidate(scope, version);
        } finally {
          all.invalidate(scope, version);
        }
      }

      /**
       * The announced set is kept in L1 at once, and again after L2 is evicted (over whatever a
       * load read from L2 in between).
       */
      @Override
      public void invalidate(
          InvalidationScope.UserInTenant scope, long version, PermissionSnapshot now) {
        try {
          l1.invalidate(scope, version, now);
        } finally {
          all.invalidate(scope, version, now);
        }
      }
    };
  }

  private void pruneQuietly() {
    try {
      long forgetUpTo = persistence.dataVersion() - LOG_RETENTION;
      if (forgetUpTo > 0) {
        persistence.changeLog().forgetUpTo(forgetUpTo);
      }
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.DEBUG, "Could not prune the change log: " + e.getMessage());
    }
  }

  /** The {@code database} and {@code invalidation} checks of {@code /health}, in that order. */
  List<HealthProbe> healthProbes(HealthProbe database) {
    return List.of(servingFromCache(database), invalidationProbe());
  }

  /**
   * The database check, which is critical, reports DEGRADED instead of DOWN while the in-process
   * caches are trusted (one of the channels vouches): checks, batch checks, {@code /api/me} and
   * token authentication are being answered; only changes, logins and cold loads are refused.
   */
  private HealthProbe servingFromCache(HealthProbe database) {
    return HealthProbe.of(
        database.name(),
        database.critical(),
        () -> {
          HealthUseCase.Check check = database.probe();
          if (check.status() == HealthUseCase.Status.DOWN && l1 && channels.feed().live()) {
            return new HealthUseCase.Check(
                HealthUseCase.Status.DEGRADED,
                check.detail() + "; serving cached answers, refusing changes and logins");
          }
          return check;
        });
  }

  private HealthProbe invalidationProbe() {
    HealthProbe postgres = listener.healthProbe();
    return HealthProbe.of(postgres.name(), postgres.critical(), () -> invalidationCheck(postgres));
  }

  private HealthUseCase.Check invalidationCheck(HealthProbe postgres) {
    HealthUseCase.Check check = postgres.probe();
    if (check.status() == HealthUseCase.Status.UP) {
      return check;
    }
    String witness =
        channels.witness().describe() + ", applied up to " + channels.applied().watermark();
    if (channels.witnessed()) {
      return new HealthUseCase.Check(
          HealthUseCase.Status.DEGRADED,
          "LISTEN connection down for "
              + listener.notLiveFor().toMillis()
              + " ms; the Redis channel vouches ("
              + witness
              + "): cached answers are served");
    }
    return new HealthUseCase.Check(check.status(), check.detail() + "; Redis channel: " + witness);
  }

  @Override
  public void close() {
    late.close();
  }

  /** The Redis channel once attached; before, and without one, nothing announced or vouched. */
  private static final class LateChannel implements ChangeAnnouncer, InvalidationWitness {
    private volatile @Nullable RedisChangeChannel channel;

    void attach(RedisChangeChannel attached) {
      channel = attached;
    }

    @Override
    public void intend(long version) {
      RedisChangeChannel current = channel;
      if (current != null) {
        current.intend(version);
      }
    }

    @Override
    public void announce(long version, InvalidationScope scope) {
      RedisChangeChannel current = channel;
      if (current != null) {
        current.announce(version, scope);
      }
    }

    @Override
    public boolean vouchesUpTo(long appliedUpTo) {
      RedisChangeChannel current = channel;
      return current != null && current.vouchesUpTo(appliedUpTo);
    }

    @Override
    public String describe() {
      RedisChangeChannel current = channel;
      return current == null ? InvalidationWitness.NONE.describe() : current.describe();
    }

    void close() {
      RedisChangeChannel current = channel;
      if (current != null) {
        current.close();
      }
    }
  }
}
