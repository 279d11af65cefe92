package io.warden.adapter.driven.redis;

import io.warden.application.port.driven.CacheEpochs;
import io.warden.application.port.driven.HealthProbe;
import io.warden.application.port.driven.InvalidationFeed;
import io.warden.application.port.driven.cache.CacheTier;
import io.warden.application.port.driven.cache.CacheablePorts;
import io.warden.application.port.driven.cache.TierStats;
import io.warden.domain.event.InvalidationScope;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.function.Supplier;

/**
 * L2 as one {@link CacheTier}: the shared permission cache on Redis in front of the next tier's
 * {@link io.warden.application.port.driven.EffectivePermissions}, over a connection the tier opens
 * and closes. The other ports pass through: sessions, user contexts and tokens are cached only in
 * process.
 */
public final class RedisTier implements CacheTier {
  private final RedisL2 connection;
  private final RedisPermissionCache permissions;
  private final CacheablePorts ports;

  private RedisTier(
      CacheablePorts next,
      Supplier<RedisL2> connecting,
      CacheEpochs epochs,
      InvalidationFeed feed,
      Clock clock,
      RedisPermissionCache.Options options) {
    this.connection = Objects.requireNonNull(connecting.get(), "connection");
    try {
      this.permissions =
          new RedisPermissionCache(next.permissions(), epochs, feed, clock, connection, options);
      permissions.replaceLostEpochNow();
    } catch (RuntimeException | Error e) {
      connection.close();
      throw e;
    }
    this.ports = next.withPermissions(permissions);
  }

  /**
   * Builds the tier in front of whatever tier comes next; connecting does not wait for Redis (the
   * client reconnects in the background, and until then every call fails fast and costs only
   * speed).
   *
   * @param feed whether this instance hears every change; while it does not, Redis is not read
   */
  public static CacheTier.Builder builder(
      RedisL2Settings settings,
      CacheEpochs epochs,
      InvalidationFeed feed,
      Clock clock,
      RedisPermissionCache.Options options) {
    return builder(() -> RedisL2.connect(settings), epochs, feed, clock, options);
  }

  /**
   * The same, over the connection {@code connecting} gives (e.g. one {@link RedisL2#connect}ed
   * beside other start-up work, since it needs nothing else): the tier owns it from then on and
   * closes it when it closes.
   */
  public static CacheTier.Builder builder(
      Supplier<RedisL2> connecting,
      CacheEpochs epochs,
      InvalidationFeed feed,
      Clock clock,
      RedisPermissionCache.Options options) {
    return next -> new RedisTier(next, connecting, epochs, feed, clock, options);
  }

  @Override
  public String name() {
    return "l2";
  }

  @Override
  public CacheablePorts ports() {
    return ports;
  }

  /** The permission cache itself (for diagnostics and tests). */
  public RedisPermissionCache permissions() {
    return permissions;
  }

  /** The connection and its breaker (for diagnostics and tests). */
  public RedisL2 connection() {
    return connection;
  }

  @Override
  public void invalidate(InvalidationScope scope, long version) {
    permissions.invalidate(scope, version);
  }

  /**
   * Messages may have been missed, among them the announcement of a new epoch: re-read it. What was
   * evicted while this instance did not listen is guarded by the markers the writer raised (or by
   * the epoch it advanced), not by this instance, so nothing else is needed.
   */
  @Override
  public void resynchronize(long version) {
    permissions.refreshEpoch();
  }

  @Override
  public List<HealthProbe> healthProbes() {
    return List.of(connection.healthProbe());
  }

  @Override
  public List<TierStats> stats() {
    RedisPermissionCache.Stats stats = permissions.stats();
    return List.of(
        new TierStats(
            "permissions", stats.hits(), stats.misses(), stats.errors(), OptionalLong.empty()));
  }

  @Override
  public void close() {
    connection.close();
  }

  @Override
  public String toString() {
    return "RedisTier[" + connection + "]";
  }
}
