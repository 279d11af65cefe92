package io.warden.adapter.driven.infinispan;

import io.warden.application.port.driven.InvalidationFeed;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.infinispan.Cache;
import org.infinispan.configuration.cache.CacheMode;
import org.infinispan.configuration.cache.ConfigurationBuilder;
import org.infinispan.configuration.global.GlobalConfigurationBuilder;
import org.infinispan.configuration.global.ShutdownHookBehavior;
import org.infinispan.manager.DefaultCacheManager;

/**
 * Builds the embedded cache managers of L1: local only (no transport, so nothing ever leaves the
 * process), statistics on, no JMX registration and no shutdown hook (the owner closes it); and
 * holds the limits all L1 caches share: their defaults, their checks and how entries age out.
 */
final class LocalCaches {
  private static final AtomicInteger INSTANCES = new AtomicInteger();

  // The defaults of every L1 cache: bootstrap configures them all with one size, one lifespan and
  // one staleness bound, so their defaults are stated once here.
  static final long DEFAULT_MAX_ENTRIES = 100_000;
  static final Duration DEFAULT_LIFESPAN = Duration.ofMinutes(10);
  static final Duration DEFAULT_STALENESS_BOUND = Duration.ofSeconds(1);

  private LocalCaches() {}

  /** A started manager; its name is unique in the process so that several can coexist. */
  static DefaultCacheManager startManager(String purpose) {
    GlobalConfigurationBuilder global = new GlobalConfigurationBuilder().nonClusteredDefault();
    global.cacheManagerName("warden-l1-" + purpose + "-" + INSTANCES.incrementAndGet());
    global.cacheContainer().statistics(true);
    global.jmx().enabled(false);
    global.shutdown().hookBehavior(ShutdownHookBehavior.DONT_REGISTER);
    return new DefaultCacheManager(global.build(), true);
  }

  /**
   * A local heap cache holding at most {@code maxEntries} (Infinispan evicts beyond it) and each
   * entry at most {@code lifespan}. Heap storage keeps the Java objects themselves: no marshalling.
   */
  static <K, V> Cache<K, V> boundedCache(
      DefaultCacheManager manager, String name, long maxEntries, Duration lifespan) {
    ConfigurationBuilder cache = bounded(maxEntries);
    cache.expiration().lifespan(lifespan.toMillis(), TimeUnit.MILLISECONDS);
    return manager.createCache(name, cache.build());
  }

  /**
   * A local heap cache holding at most {@code maxEntries}, without a default lifespan: each entry
   * is written with its own.
   */
  static <K, V> Cache<K, V> boundedCache(
      DefaultCacheManager manager, String name, long maxEntries) {
    return manager.createCache(name, bounded(maxEntries).build());
  }

  /**
   * The limits every invalidation-guarded L1 cache is configured with, checked in one place.
   *
   * @throws IllegalArgumentException if {@code maxEntries} is not positive, {@code lifespan} is
   *     under 1 ms (Infinispan's unit) or {@code stalenessBound} is negative
   */
  static void requireLimits(long maxEntries, Duration lifespan, Duration stalenessBound) {
    Objects.requireNonNull(lifespan, "lifespan");
    Objects.requireNonNull(stalenessBound, "stalenessBound");
    requireMaxEntries(maxEntries);
    if (lifespan.toMillis() < 1) {
      throw new IllegalArgumentException("lifespan must be at least 1 ms: " + lifespan);
    }
    if (stalenessBound.isNegative()) {
      throw new IllegalArgumentException("stalenessBound must not be negative: " + stalenessBound);
    }
  }

  /**
   * The age half of the rule every invalidation-guarded L1 cache serves by, applied in one place:
   * no entry at or past its safety-net {@code lifespan}, and while the {@code feed} is not live,
   * none as old as the {@code stalenessBound}.
   */
  static boolean youngEnough(
      Instant loadedAt,
      Instant now,
      Duration lifespan,
      Duration stalenessBound,
      InvalidationFeed feed) {
    if (!now.isBefore(loadedAt.plus(lifespan))) {
      return false;
    }
    return feed.live() || now.isBefore(loadedAt.plus(stalenessBound));
  }

  static void requireMaxEntries(long maxEntries) {
    if (maxEntries < 1) {
      throw new IllegalArgumentException("maxEntries must be positive: " + maxEntries);
    }
  }

  private static ConfigurationBuilder bounded(long maxEntries) {
    ConfigurationBuilder cache = new ConfigurationBuilder();
    cache.clustering().cacheMode(CacheMode.LOCAL);
    cache.memory().maxCount(maxEntries);
    cache.statistics().enable();
    return cache;
  }
}
