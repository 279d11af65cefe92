package io.warden.adapter.out.infinispan;

import java.time.Duration;
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
 * process), statistics on, no JMX registration and no shutdown hook (the owner closes it).
 */
final class LocalCaches {
  private static final AtomicInteger INSTANCES = new AtomicInteger();

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
    ConfigurationBuilder cache = new ConfigurationBuilder();
    cache.clustering().cacheMode(CacheMode.LOCAL);
    cache.memory().maxCount(maxEntries);
    cache.expiration().lifespan(lifespan.toMillis(), TimeUnit.MILLISECONDS);
    cache.statistics().enable();
    return manager.createCache(name, cache.build());
  }
}
