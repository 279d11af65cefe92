package io.warden.adapter.driven.redis;

import io.lettuce.core.ScriptOutputType;
import io.warden.application.port.driven.CacheEpochs;
import io.warden.application.port.driven.CacheInvalidation;
import io.warden.application.port.driven.EffectivePermissions;
import io.warden.application.port.driven.PermissionSnapshot;
import io.warden.application.port.driven.Unavailable;
import io.warden.domain.event.InvalidationScope;
import io.warden.domain.event.InvalidationScope.Everything;
import io.warden.domain.event.InvalidationScope.UserInTenant;
import io.warden.domain.event.InvalidationScope.WholeTenant;
import io.warden.domain.event.InvalidationScope.WholeUser;
import io.warden.domain.model.tenant.TenantId;
import io.warden.domain.model.user.UserId;
import java.text.MessageFormat;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
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
      Objects.requireNonNull(keyPrefix, "keyPrefix");
      Objects.requireNonNull(entryTtl, "entryTtl");
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
  private final CacheEpochs epochs;
  private final Clock clock;
  private final RedisL2 redis;
  private final L2Keys keys;
  private final Duration entryTtl;
  private final String markerTtlMillis;

  private final LongAdder hits = new LongAdder();
  private final LongAdder misses = new LongAdder();
  private final LongAdder errors = new LongAdder();

  /** The namespace this instance reads and writes; only moves forward. */
  private volatile long epoch;

  /**
   * The lowest version this instance accepts from Redis, whatever the markers say: raised by every
   * {@code Everything} invalidation and by every invalidation that could not reach Redis.
   */
  private volatile long floor;

  /**
   * The epoch of the last call that reached Redis (at start: the first epoch, as if it had, since
   * earlier processes may have written there); see {@link #couldNotReach}.
   */
  private volatile long epochOfLastSuccess;

  public RedisPermissionCache(
      EffectivePermissions next, CacheEpochs epochs, Clock clock, RedisL2 redis) {
    this(next, epochs, clock, redis, Options.defaults());
  }

  public RedisPermissionCache(
      EffectivePermissions next, CacheEpochs epochs, Clock clock, RedisL2 redis, Options options) {
    this.next = Objects.requireNonNull(next, "next");
    this.epochs = Objects.requireNonNull(epochs, "epochs");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.redis = Objects.requireNonNull(redis, "redis");
    this.keys = new L2Keys(options.keyPrefix());
    this.entryTtl = options.entryTtl();
    this.markerTtlMillis = Long.toString(options.entryTtl().toMillis() * 2);
    this.epoch = epochs.current();
    this.epochOfLastSuccess = epoch;
  }

  @Override
  public PermissionSnapshot of(TenantId tenantId, UserId userId) {
    long readEpoch = epoch;
    Instant started = clock.instant();
    Lookup lookup = read(readEpoch, tenantId, List.of(userId));
    PermissionSnapshot cached = lookup.hits().get(userId);
    if (cached != null) {
      return cached;
    }
    PermissionSnapshot loaded = next.of(tenantId, userId);
    if (lookup.reachable()) {
      store(readEpoch, tenantId, Map.of(userId, loaded), started);
    }
    return loaded;
  }

  @Override
  public Map<UserId, PermissionSnapshot> ofAll(TenantId tenantId, Collection<UserId> userIds) {
    List<UserId> users = List.copyOf(new LinkedHashSet<>(userIds));
    if (users.isEmpty()) {
      return Map.of();
    }
    long readEpoch = epoch;
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
        store(readEpoch, tenantId, loaded, started);
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
    long markerVersion = Math.max(0, version);
    if (scope instanceof Everything) {
      raiseFloor(markerVersion);
      refreshEpoch();
    }
    long current = epoch;
    String[] scriptKeys =
        switch (scope) {
          case Everything everything -> new String[] {keys.globalMin(current)};
          case WholeTenant tenant -> new String[] {keys.tenantMin(current, tenant.tenantId())};
          case WholeUser user -> new String[] {keys.userMin(current, user.userId())};
          case UserInTenant pair ->
              new String[] {
                keys.pairMin(current, pair.tenantId(), pair.userId()),
                keys.entry(current, pair.tenantId(), pair.userId())
              };
        };
    try {
      redis.<Long>script(
          L2Scripts.INVALIDATE,
          ScriptOutputType.INTEGER,
          scriptKeys,
          Long.toString(markerVersion),
          markerTtlMillis);
      epochOfLastSuccess = current;
    } catch (RedisL2Unavailable e) {
      errors.increment();
      couldNotReach(scope, markerVersion, current, e);
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
    return epoch;
  }

  private Lookup read(long readEpoch, TenantId tenant, List<UserId> users) {
    String[] scriptKeys = new String[2 + users.size() * 3];
    scriptKeys[0] = keys.globalMin(readEpoch);
    scriptKeys[1] = keys.tenantMin(readEpoch, tenant);
    for (int i = 0; i < users.size(); i++) {
      UserId user = users.get(i);
      scriptKeys[2 + i * 3] = keys.entry(readEpoch, tenant, user);
      scriptKeys[3 + i * 3] = keys.userMin(readEpoch, user);
      scriptKeys[4 + i * 3] = keys.pairMin(readEpoch, tenant, user);
    }
    List<Object> values;
    try {
      values = redis.script(L2Scripts.READ, ScriptOutputType.MULTI, scriptKeys);
      epochOfLastSuccess = readEpoch;
    } catch (RedisL2Unavailable e) {
      errors.increment();
      LOG.log(
          System.Logger.Level.DEBUG,
          "L2 read failed, answering from the next tier: {0}",
          e.getMessage());
      return new Lookup(Map.of(), false);
    }
    Map<UserId, PermissionSnapshot> found = new LinkedHashMap<>();
    if (values != null && values.size() == users.size()) {
      Instant now = clock.instant();
      long lowest = floor;
      for (int i = 0; i < users.size(); i++) {
        Optional<PermissionSnapshot> snapshot =
            values.get(i) instanceof String text ? SnapshotCodec.decode(text) : Optional.empty();
        if (snapshot.isPresent()
            && snapshot.get().version() >= lowest
            && snapshot.get().isValidAt(now)) {
          found.put(users.get(i), snapshot.get());
        }
      }
    }
    hits.add(found.size());
    misses.add(users.size() - found.size());
    return new Lookup(found, true);
  }

  private void store(
      long readEpoch, TenantId tenant, Map<UserId, PermissionSnapshot> loaded, Instant started) {
    Instant now = clock.instant();
    // A load that straddled an epoch change, or took so long that the markers raised while it ran
    // may have expired (they live 2 x entryTtl), might be stale: leave it to the next read.
    if (readEpoch != epoch || Duration.between(started, now).compareTo(entryTtl) > 0) {
      return;
    }
    long lowest = floor;
    List<String> scriptKeys = new ArrayList<>(2 + loaded.size() * 3);
    List<String> args = new ArrayList<>(loaded.size() * 3);
    scriptKeys.add(keys.globalMin(readEpoch));
    scriptKeys.add(keys.tenantMin(readEpoch, tenant));
    for (Map.Entry<UserId, PermissionSnapshot> entry : loaded.entrySet()) {
      PermissionSnapshot snapshot = entry.getValue();
      long ttl = ttlMillis(snapshot, now);
      // A stranger's snapshot is never stored: random ids must not fill Redis.
      if (!snapshot.cacheable()
          || snapshot.version() < lowest
          || snapshot.version() < 0
          || ttl <= 0) {
        continue;
      }
      UserId user = entry.getKey();
      scriptKeys.add(keys.entry(readEpoch, tenant, user));
      scriptKeys.add(keys.userMin(readEpoch, user));
      scriptKeys.add(keys.pairMin(readEpoch, tenant, user));
      args.add(Long.toString(snapshot.version()));
      args.add(Long.toString(ttl));
      args.add(SnapshotCodec.encode(snapshot));
    }
    if (args.isEmpty()) {
      return;
    }
    try {
      redis.<Long>script(
          L2Scripts.PUT,
          ScriptOutputType.INTEGER,
          scriptKeys.toArray(String[]::new),
          args.toArray(String[]::new));
      epochOfLastSuccess = readEpoch;
    } catch (RedisL2Unavailable e) {
      errors.increment();
      LOG.log(System.Logger.Level.DEBUG, "L2 write failed, the answer stands: {0}", e.getMessage());
    }
  }

  /** The entry's TTL: the safety net, but never past the snapshot's own expiry. */
  private long ttlMillis(PermissionSnapshot snapshot, Instant now) {
    long ttl = entryTtl.toMillis();
    if (snapshot.validUntil().isPresent()) {
      Instant until = snapshot.validUntil().get();
      if (!until.isAfter(now)) {
        return 0;
      }
      ttl = Math.min(ttl, Duration.between(now, until).toMillis());
    }
    return ttl;
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
   */
  private void couldNotReach(
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
    adoptEpoch(advanced);
    LOG.log(
        System.Logger.Level.WARNING,
        "L2 eviction {0} at version {1,number,#} could not reach Redis ({2}); advanced the L2 epoch to {3,number,#}",
        scope,
        version,
        cause.getMessage(),
        advanced);
  }

  /**
   * Re-reads the epoch from the database: after this instance may have missed an announcement (its
   * invalidation feed reconnected), it must not go on reading a namespace another instance left.
   */
  public void refreshEpoch() {
    try {
      adoptEpoch(epochs.current());
    } catch (RuntimeException e) {
      // The global marker raised below (or this instance's floor) still guards the old epoch.
      LOG.log(
          System.Logger.Level.WARNING,
          "could not re-read the L2 epoch, staying in epoch {0,number,#}: {1}",
          epoch,
          e.getMessage());
    }
  }

  private synchronized void adoptEpoch(long candidate) {
    if (candidate > epoch) {
      LOG.log(System.Logger.Level.INFO, "L2 epoch {0,number,#} -> {1,number,#}", epoch, candidate);
      epoch = candidate;
    }
  }

  private synchronized void raiseFloor(long version) {
    if (version > floor) {
      floor = version;
    }
  }

  private record Lookup(Map<UserId, PermissionSnapshot> hits, boolean reachable) {}
}
