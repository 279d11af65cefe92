package io.warden.adapter.driven.redis;

import io.warden.application.port.driven.CacheEpochs;
import io.warden.application.port.driven.CacheInvalidation;
import io.warden.application.port.driven.EffectivePermissions;
import io.warden.application.port.driven.InvalidationFeed;
import io.warden.application.port.driven.PermissionSnapshot;
import io.warden.application.port.driven.Unavailable;
import io.warden.domain.event.InvalidationScope;
import io.warden.domain.event.InvalidationScope.Everything;
import io.warden.domain.event.InvalidationScope.UserInTenant;
import io.warden.domain.model.tenant.TenantId;
import io.warden.domain.model.user.UserId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * The shared (L2) tier of {@link EffectivePermissions}: a decorator that answers from Redis when it
 * can and from the next tier otherwise. A Redis failure or an open breaker never changes an answer,
 * only its speed.
 *
 * <p>Correctness rests on versions, not on deleting keys: every entry carries the data version it
 * was read at, every invalidation raises a min-version marker of its scope (global, tenant, user,
 * or user-in-tenant), and one Lua script per read and per write compares the entry's version with
 * every applicable marker. So a read never returns an entry older than an invalidation of its
 * scope, and a load that read the database before a change and finishes after it cannot store its
 * stale result. An invalidation that cannot reach Redis advances the {@link CacheEpochs epoch}:
 * every instance moves to a fresh namespace, and what was not evicted is never read again.
 *
 * <p>Markers are raised by the writer after its commit and by every instance that hears the change.
 * A writer that dies between its commit and its eviction leaves that to the others; an instance
 * that cannot be sure it heard every change (its {@link InvalidationFeed} is not live: no channel
 * vouches) therefore reads nothing from Redis, as its in-process tier trusts nothing old: both fall
 * through to the database (window W1 of {@code docs/invalidation-outages.md}).
 *
 * <p>Markers live in Redis, so Redis losing its data (restarted empty, failed over to a replica
 * that lacked the latest writes) would leave a load that read the database before a change free to
 * store its stale result (window W9). Each epoch therefore has a sentinel key, created only by
 * whoever advances to the epoch and before the advance commits; the read and write scripts require
 * it, and an instance that finds it missing advances the epoch from the lost one ({@link
 * L2Namespace}). No extra round trip: the check is inside the scripts that run anyway.
 *
 * <p>Size: about 300 lines, a third of them this protocol's explanation. What is left is one
 * protocol (read at an epoch, load, store under the markers, invalidate) that reads whole; the
 * Redis side of it is {@link L2Entries}, the epoch bookkeeping {@link L2Namespace}.
 */
public final class RedisPermissionCache implements EffectivePermissions, CacheInvalidation {
  private static final System.Logger LOG = System.getLogger(RedisPermissionCache.class.getName());

  /**
   * Where the entries live and how long they may stay at most.
   *
   * @param keyPrefix first segment of every key ({@code w}); lets deployments (or tests) share a
   *     Redis
   * @param entryTtl the safety-net TTL of an entry (10 min); markers live twice as long, so they
   *     always outlive what they guard
   */
  public record Options(String keyPrefix, Duration entryTtl) {
    public Options {
      if (entryTtl.toMillis() < 1) {
        throw new IllegalArgumentException("entryTtl must be at least 1 ms");
      }
    }

    public static Options defaults() {
      return new Options("w", Duration.ofMinutes(10));
    }
  }

  /** The tier's counters and breaker state, for {@code /api/performance/stats} and metrics. */
  public record Stats(long hits, long misses, long errors, String breakerState) {}

  private final EffectivePermissions next;
  private final L2Namespace namespace;
  private final InvalidationFeed feed;
  private final Clock clock;
  private final RedisL2 redis;
  private final L2Entries entries;
  private final Duration entryTtl;

  private final LongAdder hits = new LongAdder();
  private final LongAdder misses = new LongAdder();
  private final LongAdder errors = new LongAdder();

  public RedisPermissionCache(
      EffectivePermissions next, CacheEpochs epochs, Clock clock, RedisL2 redis) {
    this(next, epochs, clock, redis, Options.defaults());
  }

  /** Without a feed to consult: every entry the markers allow is served (one instance, tests). */
  public RedisPermissionCache(
      EffectivePermissions next, CacheEpochs epochs, Clock clock, RedisL2 redis, Options options) {
    this(next, epochs, InvalidationFeed.ALWAYS_LIVE, clock, redis, options);
  }

  /**
   * @param feed whether this instance hears every change; while it does not, Redis is not read
   */
  public RedisPermissionCache(
      EffectivePermissions next,
      CacheEpochs epochs,
      InvalidationFeed feed,
      Clock clock,
      RedisL2 redis,
      Options options) {
    this.next = next;
    this.namespace = new L2Namespace(epochs);
    this.feed = feed;
    this.clock = clock;
    this.redis = redis;
    this.entries = new L2Entries(redis, clock, options.keyPrefix(), options.entryTtl());
    this.entryTtl = options.entryTtl();
  }

  /**
   * At start-up: an epoch whose sentinel Redis does not hold (a new database's first epoch, or a
   * Redis that lost its data while no instance ran) is advanced now, before any request, instead of
   * by the first request's read — the advance is announced as a change, and its eviction arriving
   * after that request's load would throw the freshly cached set out again. Redis or PostgreSQL
   * away: nothing happens here, and the first read finds the loss as before.
   */
  public void replaceLostEpochNow() {
    try {
      long current = namespace.epoch();
      if (!entries.sentinelExists(current)) {
        namespace.replaceLost(current, entries::createSentinel);
      }
    } catch (RuntimeException e) {
      LOG.log(
          System.Logger.Level.INFO,
          "L2 epoch sentinel not checked at start-up ({0}); the first read will",
          e.getMessage());
    }
  }

  @Override
  public PermissionSnapshot of(TenantId tenantId, UserId userId) {
    long readEpoch = namespace.epoch();
    Instant started = clock.instant();
    Lookup lookup = read(readEpoch, tenantId, List.of(userId));
    PermissionSnapshot cached = lookup.hits().get(userId);
    if (cached != null) {
      return cached;
    }
    PermissionSnapshot loaded = next.of(tenantId, userId);
    if (lookup.reachable()) {
      store(lookup.storeEpoch(), tenantId, Map.of(userId, loaded), started);
    }
    return loaded;
  }

  @Override
  public Map<UserId, PermissionSnapshot> ofAll(TenantId tenantId, Collection<UserId> userIds) {
    List<UserId> users = List.copyOf(new LinkedHashSet<>(userIds));
    if (users.isEmpty()) {
      return Map.of();
    }
    long readEpoch = namespace.epoch();
    Instant started = clock.instant();
    Lookup lookup = read(readEpoch, tenantId, users);
    Map<UserId, PermissionSnapshot> answer = new LinkedHashMap<>(lookup.hits());
    List<UserId> missing = users.stream().filter(user -> !answer.containsKey(user)).toList();
    if (!missing.isEmpty()) {
      Map<UserId, PermissionSnapshot> loaded = new LinkedHashMap<>();
      Map<UserId, PermissionSnapshot> fromNext = next.ofAll(tenantId, missing);
      for (UserId user : missing) {
        PermissionSnapshot snapshot = fromNext.get(user);
        if (snapshot == null) {
          throw new IllegalStateException("the next tier left out user " + user);
        }
        loaded.put(user, snapshot);
      }
      answer.putAll(loaded);
      if (lookup.reachable()) {
        store(lookup.storeEpoch(), tenantId, loaded, started);
      }
    }
    return Collections.unmodifiableMap(answer);
  }

  /**
   * Raises the min-version marker of the scope to {@code version} (and deletes the one entry of a
   * {@link UserInTenant}). An {@link Everything} first re-reads the epoch: that is how an instance
   * learns that another one advanced it.
   *
   * @throws Unavailable if Redis could not be reached and the epoch could not be advanced either:
   *     the change is committed, but shared caches may still hold what it made stale
   */
  @Override
  public void invalidate(InvalidationScope scope, long version) {
    if (scope instanceof InvalidationScope.TenantTree) {
      // No permission set depends on the organization tree: nothing of this tier is stale.
      return;
    }
    long markerVersion = Math.max(0, version);
    if (scope instanceof Everything) {
      namespace.raiseFloor(markerVersion);
      namespace.refresh();
    }
    long current = namespace.epoch();
    try {
      entries.raiseMarker(current, scope, markerVersion);
      namespace.reached(current);
    } catch (RedisL2Unavailable e) {
      errors.increment();
      namespace.couldNotReach(scope, markerVersion, current, e);
    }
  }

  public long hits() {
    return hits.sum();
  }

  public long misses() {
    return misses.sum();
  }

  /** Redis calls that failed or were refused by the open breaker. */
  public long errors() {
    return errors.sum();
  }

  public String breakerState() {
    return redis.breakerState();
  }

  public Stats stats() {
    return new Stats(hits(), misses(), errors(), breakerState());
  }

  /** The namespace currently read and written (for diagnostics and tests). */
  public long epoch() {
    return namespace.epoch();
  }

  private Lookup read(long readEpoch, TenantId tenant, List<UserId> users) {
    if (!feed.live()) {
      // A change may have committed that no one alive evicted here: load, and store what loads.
      misses.add(users.size());
      return new Lookup(Map.of(), true, readEpoch);
    }
    L2Entries.Found answer;
    try {
      answer = entries.read(readEpoch, tenant, users);
      namespace.reached(readEpoch);
    } catch (RedisL2Unavailable e) {
      errors.increment();
      LOG.log(
          System.Logger.Level.DEBUG,
          "L2 read failed, answering from the next tier: {0}",
          e.getMessage());
      return new Lookup(Map.of(), false, readEpoch);
    }
    if (answer.epochLost()) {
      // Redis lost this epoch's data, markers included: move on before loading, so that the load
      // starts after the advance and may be stored in the new epoch.
      misses.add(users.size());
      namespace.replaceLost(readEpoch, entries::createSentinel);
      return new Lookup(Map.of(), true, namespace.epoch());
    }
    Map<UserId, PermissionSnapshot> found = new LinkedHashMap<>(answer.entries());
    // Read after the answer: an Everything that raised the floor meanwhile refuses what came back.
    long lowest = namespace.floor();
    found.values().removeIf(snapshot -> snapshot.version() < lowest);
    hits.add(found.size());
    misses.add(users.size() - found.size());
    return new Lookup(found, true, readEpoch);
  }

  private void store(
      long readEpoch, TenantId tenant, Map<UserId, PermissionSnapshot> loaded, Instant started) {
    // A load that straddled an epoch change, or took so long that the markers raised while it ran
    // may have expired (they live 2 x entryTtl), might be stale: leave it to the next read.
    if (readEpoch != namespace.epoch()
        || Duration.between(started, clock.instant()).compareTo(entryTtl) > 0) {
      return;
    }
    try {
      L2Entries.Written written = entries.write(readEpoch, tenant, loaded, namespace.floor());
      if (written != L2Entries.Written.NOTHING) {
        namespace.reached(readEpoch);
      }
      if (written == L2Entries.Written.EPOCH_LOST) {
        namespace.replaceLost(readEpoch, entries::createSentinel);
      }
    } catch (RedisL2Unavailable e) {
      errors.increment();
      LOG.log(System.Logger.Level.DEBUG, "L2 write failed, the answer stands: {0}", e.getMessage());
    }
  }

  /**
   * Re-reads the epoch from the database: after this instance may have missed an announcement (its
   * invalidation feed reconnected), it must not go on reading a namespace another instance left.
   */
  public void refreshEpoch() {
    namespace.refresh();
  }

  /**
   * @param storeEpoch where a load that starts now may be stored: the epoch read, or the one that
   *     replaced it when the read found it lost
   */
  private record Lookup(Map<UserId, PermissionSnapshot> hits, boolean reachable, long storeEpoch) {}
}
