package io.warden.adapter.driven.infinispan;

import io.warden.application.port.driven.InvalidationFeed;
import io.warden.domain.event.InvalidationScope;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.BiPredicate;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import org.infinispan.Cache;
import org.infinispan.manager.DefaultCacheManager;

/**
 * One bounded, local Infinispan cache in front of a loader, under the rules of {@link
 * InfinispanPermissionCache} minus single flight: an entry is served only if no invalidation
 * covering its key finished after its load began, its value is still valid now, it is younger than
 * the safety-net lifespan and, while the {@link InvalidationFeed} is not live, younger than the
 * staleness bound. The owner says which generations cover a key; {@link InvalidationGenerations}
 * decides, so whole-tenant and whole-user invalidations cost O(1). Infinispan failing only costs
 * speed: the answer then comes from the loader.
 *
 * @param <K> the key: a record of typed ids
 * @param <V> the cached answer, never null (an absent answer is an empty {@code Optional})
 */
final class GenerationGuardedCache<K, V> implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(GenerationGuardedCache.class.getName());

  /**
   * A cached answer with the invalidation sequence read before its load began and the instant its
   * load began.
   */
  record Entry<V>(V value, long loadSequence, Instant loadedAt) {
    Entry {
      Objects.requireNonNull(value, "value");
      Objects.requireNonNull(loadedAt, "loadedAt");
    }
  }

  private final String purpose;
  private final InvalidationGenerations generations;
  private final ToLongFunction<K> lastInvalidated;
  private final BiPredicate<V, Instant> validAt;
  private final InvalidationFeed feed;
  private final Clock clock;
  private final Duration lifespan;
  private final Duration stalenessBound;
  private final DefaultCacheManager manager;
  private final Cache<K, Entry<V>> cache;
  private final CacheCounters counters = new CacheCounters();
  private volatile boolean closed;

  /**
   * Starts the embedded cache; {@link #close()} stops it.
   *
   * @param purpose names the cache manager and appears in log lines
   * @param lastInvalidated the {@link InvalidationGenerations#lastInvalidated} of every scope that
   *     covers a key
   * @param validAt whether a loaded value may still be served at an instant, whatever the
   *     invalidations (an expiring role assignment ends it)
   */
  GenerationGuardedCache(
      String purpose,
      InvalidationGenerations generations,
      ToLongFunction<K> lastInvalidated,
      BiPredicate<V, Instant> validAt,
      InvalidationFeed feed,
      Clock clock,
      long maxEntries,
      Duration lifespan,
      Duration stalenessBound) {
    LocalCaches.requireLimits(maxEntries, lifespan, stalenessBound);
    this.purpose = Objects.requireNonNull(purpose, "purpose");
    this.generations = Objects.requireNonNull(generations, "generations");
    this.lastInvalidated = Objects.requireNonNull(lastInvalidated, "lastInvalidated");
    this.validAt = Objects.requireNonNull(validAt, "validAt");
    this.feed = Objects.requireNonNull(feed, "feed");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.lifespan = lifespan;
    this.stalenessBound = stalenessBound;
    this.manager = LocalCaches.startManager(purpose);
    try {
      this.cache = LocalCaches.boundedCache(manager, purpose, maxEntries, lifespan);
    } catch (RuntimeException e) {
      manager.stop();
      throw e;
    }
  }

  /**
   * The servable entry of {@code key}, or else what {@code load} answers, which is kept only if no
   * invalidation covering the key finished while it ran.
   */
  V get(K key, Function<? super K, ? extends V> load) {
    Objects.requireNonNull(key, "key");
    // Read before the entry: every invalidation finished before this call is counted in it.
    long last = lastInvalidated.applyAsLong(key);
    Entry<V> cached = read(key);
    if (cached != null && servable(cached, last, clock.instant())) {
      counters.hits.increment();
      return cached.value();
    }
    counters.misses.increment();
    // Read before the load: an invalidation drawing a later number may have come too late for it.
    long loadSequence = generations.sequence();
    Instant loadedAt = clock.instant();
    counters.loads.increment();
    V value = Objects.requireNonNull(load.apply(key), "the next tier answered null");
    // An invalidation may still land between this check and the write; the entry then carries a
    // load sequence older than it and reads as a miss.
    if (lastInvalidated.applyAsLong(key) > loadSequence) {
      counters.discardedLoads.increment();
    } else if (validAt.test(value, clock.instant())) {
      write(key, new Entry<>(value, loadSequence, loadedAt));
    }
    return value;
  }

  /**
   * Raises the scope's generation first (from then on nothing loaded earlier is served, whether it
   * is in the cache or still loading), then frees what can be found without a scan: the whole cache
   * for {@code Everything}, {@code exactKey} (may be null) otherwise. Entries of a whole tenant or
   * a whole user simply read as misses until eviction, the lifespan or their next load reclaims
   * them.
   */
  void invalidate(InvalidationScope scope, K exactKey) {
    Objects.requireNonNull(scope, "scope");
    generations.invalidate(scope);
    if (closed) {
      return;
    }
    try {
      if (scope instanceof InvalidationScope.Everything) {
        cache.clear();
      } else if (exactKey != null) {
        cache.remove(exactKey);
      }
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "L1 " + purpose + " could not free " + scope, e);
    }
  }

  CacheStats stats() {
    return counters.stats(cache);
  }

  /** Stops the embedded cache; later calls go straight to the loader. */
  @Override
  public void close() {
    closed = true;
    manager.stop();
  }

  /** The Infinispan cache itself, for tests that look at what is held. */
  Cache<K, Entry<V>> store() {
    return cache;
  }

  private boolean servable(Entry<V> cached, long last, Instant now) {
    return cached.loadSequence() >= last
        && validAt.test(cached.value(), now)
        && LocalCaches.youngEnough(cached.loadedAt(), now, lifespan, stalenessBound, feed);
  }

  private Entry<V> read(K key) {
    if (closed) {
      return null;
    }
    try {
      return cache.get(key);
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "L1 " + purpose + " read failed; loading", e);
      return null;
    }
  }

  private void write(K key, Entry<V> entry) {
    if (closed) {
      return;
    }
    try {
      cache.put(key, entry);
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "L1 " + purpose + " write failed; not cached", e);
    }
  }
}
