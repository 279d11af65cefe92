package io.warden.adapter.driven.infinispan;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.infinispan.Cache;
import org.infinispan.configuration.cache.CacheMode;
import org.infinispan.configuration.cache.ConfigurationBuilder;
import org.infinispan.configuration.global.GlobalConfigurationBuilder;
import org.infinispan.configuration.global.ShutdownHookBehavior;
import org.infinispan.manager.DefaultCacheManager;

/**
 * One embedded Infinispan cache manager holding every L1 cache of an instance: local only (no
 * transport, so nothing ever leaves the process), statistics on, no JMX registration and no
 * shutdown hook (its owner closes it). A manager is the expensive part of Infinispan to start
 * (threads, registries, its own start-up work), so an instance starts one and every cache is a
 * cache in it.
 */
public final class L1CacheManager implements AutoCloseable {
  private static final AtomicInteger INSTANCES = new AtomicInteger();

  private final DefaultCacheManager manager;
  private final AtomicInteger caches = new AtomicInteger();

  private L1CacheManager(DefaultCacheManager manager) {
    this.manager = manager;
  }

  /** A started manager; its name is unique in the process so that several can coexist. */
  public static L1CacheManager start() {
    GlobalConfigurationBuilder global = new GlobalConfigurationBuilder().nonClusteredDefault();
    global.cacheManagerName("warden-l1-" + INSTANCES.incrementAndGet());
    global.cacheContainer().statistics(true);
    global.jmx().enabled(false);
    global.shutdown().hookBehavior(ShutdownHookBehavior.DONT_REGISTER);
    return new L1CacheManager(new DefaultCacheManager(global.build(), true));
  }

  /**
   * A new local heap cache holding at most {@code maxEntries} (Infinispan evicts beyond it) and, if
   * given, each entry at most {@code lifespan} (otherwise each entry is written with its own). Heap
   * storage keeps the Java objects themselves: no marshalling. Its name is {@code purpose} with a
   * number, so two caches of one purpose can share the manager.
   */
  <K, V> Cache<K, V> create(String purpose, long maxEntries, Optional<Duration> lifespan) {
    LocalCaches.requireMaxEntries(maxEntries);
    ConfigurationBuilder cache = new ConfigurationBuilder();
    cache.clustering().cacheMode(CacheMode.LOCAL);
    cache.memory().maxCount(maxEntries);
    cache.statistics().enable();
    lifespan.ifPresent(span -> cache.expiration().lifespan(span.toMillis(), TimeUnit.MILLISECONDS));
    return manager.createCache(purpose + "-" + caches.incrementAndGet(), cache.build());
  }

  /** A cache in this manager, stopped alone when its owner closes. */
  <K, V> Handle<K, V> shared(String purpose, long maxEntries, Optional<Duration> lifespan) {
    Cache<K, V> cache = create(purpose, maxEntries, lifespan);
    return new Handle<>(cache, cache::stop);
  }

  /**
   * A cache with a manager of its own, both stopped when its owner closes: for a cache used on its
   * own (tests, benchmarks); an instance shares one manager through {@link #shared}.
   */
  static <K, V> Handle<K, V> alone(String purpose, long maxEntries, Optional<Duration> lifespan) {
    L1CacheManager own = start();
    try {
      return new Handle<>(own.create(purpose, maxEntries, lifespan), own::close);
    } catch (RuntimeException e) {
      own.close();
      throw e;
    }
  }

  /** A cache and how to stop what was started for it. */
  record Handle<K, V>(Cache<K, V> cache, Runnable stop) {}

  /** How many caches this manager runs now (for tests of the sharing). */
  int runningCaches() {
    if (!manager.getStatus().allowInvocations()) {
      return 0;
    }
    return (int) manager.getCacheNames().stream().filter(name -> manager.isRunning(name)).count();
  }

  /** Stops every cache of the manager, then the manager. */
  @Override
  public void close() {
    manager.stop();
  }

  @Override
  public String toString() {
    return "L1CacheManager[" + manager.getCacheManagerConfiguration().cacheManagerName() + "]";
  }
}
