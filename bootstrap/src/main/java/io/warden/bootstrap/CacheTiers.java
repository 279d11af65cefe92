package io.warden.bootstrap;

import io.warden.adapter.driven.infinispan.InfinispanTier;
import io.warden.adapter.driven.infinispan.L1CacheManager;
import io.warden.adapter.driven.infinispan.L1Limits;
import io.warden.adapter.driven.redis.RedisL2;
import io.warden.adapter.driven.redis.RedisL2Settings;
import io.warden.adapter.driven.redis.RedisPermissionCache;
import io.warden.adapter.driven.redis.RedisTier;
import io.warden.application.port.driven.CacheEpochs;
import io.warden.application.port.driven.CacheInvalidation;
import io.warden.application.port.driven.HealthProbe;
import io.warden.application.port.driven.InvalidationFeed;
import io.warden.application.port.driven.cache.CacheTier;
import io.warden.application.port.driven.cache.CacheablePorts;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The cache tiers of an instance, composed as a list over the source of truth: {@code [L1, L2]} in
 * front of the database, each tier decorating the ports of the one behind it. Adding a tier is one
 * entry in {@link #configured} (and its configuration block); nothing else here changes.
 *
 * <p>Invalidation runs innermost first (L2 before L1): were an outer tier evicted first, a
 * concurrent miss could refill it from an inner entry not yet evicted.
 */
final class CacheTiers {
  /** The longest the Redis client started beside the phases waits for its first connection. */
  private static final Duration REDIS_CONNECT_PATIENCE = Duration.ofSeconds(2);

  private final List<CacheTier> innermostFirst;
  private final CacheablePorts outermost;

  private CacheTiers(List<CacheTier> innermostFirst, CacheablePorts outermost) {
    this.innermostFirst = List.copyOf(innermostFirst);
    this.outermost = outermost;
  }

  /**
   * What the tiers run on and need nothing else to start: L1's cache manager and L2's Redis client,
   * given by suppliers so that the start can begin them beside its other work ({@link
   * StartedBeside}) and hand them over here; each tier owns what it takes.
   */
  record Foundations(Supplier<L1CacheManager> l1Manager, Supplier<RedisL2> l2Connection) {}

  /**
   * The foundations of the tiers the configuration turns on, begun at once beside the start's other
   * phases ({@link StartedBeside}, pushed onto {@code resources}): they need nothing the start
   * builds and cost mostly class loading, initialization and a first connect, which a second core
   * does meanwhile. The Redis client's first connect is retried once if it failed (a busy start can
   * time it out), off the critical path, so that a ready instance normally has L2. A tier that is
   * off gets a supplier nothing calls.
   */
  static Foundations beginFoundations(
      WardenConfig config, Deque<AutoCloseable> resources, StartUpPhases phases) {
    Supplier<L1CacheManager> l1Manager = L1CacheManager::start;
    if (l1(config)) {
      l1Manager =
          StartedBeside.begin(
                  "l1 cache manager",
                  L1CacheManager::start,
                  L1CacheManager::close,
                  phases,
                  resources)
              ::take;
    }
    Optional<RedisL2Settings> l2Settings = l2(config);
    Supplier<RedisL2> l2Connection = () -> RedisL2.connect(l2Settings.orElseThrow());
    if (l2Settings.isPresent()) {
      l2Connection =
          StartedBeside.begin(
                  "redis client",
                  () -> {
                    RedisL2 connecting = RedisL2.connect(l2Settings.get());
                    connecting.awaitConnected(REDIS_CONNECT_PATIENCE);
                    return connecting;
                  },
                  RedisL2::close,
                  phases,
                  resources)
              ::take;
    }
    return new Foundations(l1Manager, l2Connection);
  }

  /** Whether the configuration turns L1 on. */
  static boolean l1(WardenConfig config) {
    return config.cacheL1();
  }

  /** L2's connection settings, when the configuration turns L2 on (it needs a Redis URL). */
  static Optional<RedisL2Settings> l2(WardenConfig config) {
    if (!config.cacheL2() || config.redisUrl().isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        RedisL2Settings.defaults(config.redisUrl().get())
            .withCommandTimeout(config.redisTimeout()));
  }

  /**
   * The tiers the configuration turns on, outermost (closest to the use cases) first, each on its
   * {@code foundations}.
   */
  static List<CacheTier.Builder> configured(
      WardenConfig config,
      InvalidationFeed feed,
      CacheEpochs epochs,
      Clock clock,
      Foundations foundations) {
    List<CacheTier.Builder> outermostFirst = new ArrayList<>();
    if (l1(config)) {
      outermostFirst.add(
          InfinispanTier.builder(
              feed,
              clock,
              new L1Limits(config.l1MaxEntries(), config.cacheTtl(), config.stalenessBound()),
              foundations.l1Manager()));
    }
    if (l2(config).isPresent()) {
      outermostFirst.add(
          RedisTier.builder(
              foundations.l2Connection(),
              epochs,
              feed,
              clock,
              new RedisPermissionCache.Options(config.redisKeyPrefix(), config.cacheTtl())));
    }
    return outermostFirst;
  }

  /**
   * What bootstrap may put around each tier's ports as they are handed to the tier in front (e.g.
   * timing per tier); the tier itself is still what hears invalidations.
   */
  @FunctionalInterface
  interface PortsDecorator {
    PortsDecorator NONE = (tier, ports) -> ports;

    CacheablePorts decorate(CacheTier tier, CacheablePorts ports);
  }

  /**
   * Builds {@code outermostFirst} over {@code source}, innermost first, handing each tier's ports
   * through {@code decorator} to the next; each tier is pushed onto {@code resources} as soon as it
   * runs, so a failure further on stops it again.
   */
  static CacheTiers build(
      List<CacheTier.Builder> outermostFirst,
      CacheablePorts source,
      PortsDecorator decorator,
      Deque<AutoCloseable> resources,
      StartUpPhases phases) {
    List<CacheTier> innermostFirst = new ArrayList<>();
    CacheablePorts ports = source;
    for (CacheTier.Builder builder : outermostFirst.reversed()) {
      CacheTier tier = builder.over(ports);
      resources.push(tier);
      innermostFirst.add(tier);
      ports = decorator.decorate(tier, tier.ports());
      phases.done("cache tier " + tier.name());
    }
    return new CacheTiers(innermostFirst, ports);
  }

  /** The ports as the outermost tier answers them (the source itself without tiers). */
  CacheablePorts ports() {
    return outermost;
  }

  /** Every tier, innermost first. */
  List<CacheTier> tiers() {
    return innermostFirst;
  }

  boolean isEmpty() {
    return innermostFirst.isEmpty();
  }

  /** The first tier of {@code type}, if configured. */
  <T extends CacheTier> Optional<T> tier(Class<T> type) {
    return innermostFirst.stream().filter(type::isInstance).map(type::cast).findFirst();
  }

  /** Every tier hears every invalidation, innermost first. */
  CacheInvalidation invalidation() {
    return new TieredInvalidation(innermostFirst);
  }

  /** After the invalidation feed reconnects: every tier resynchronizes, innermost first. */
  void resynchronize(long version) {
    TieredInvalidation.eachOf(innermostFirst, tier -> tier.resynchronize(version));
  }

  List<HealthProbe> healthProbes() {
    List<HealthProbe> probes = new ArrayList<>();
    innermostFirst.forEach(tier -> probes.addAll(tier.healthProbes()));
    return Collections.unmodifiableList(probes);
  }
}
