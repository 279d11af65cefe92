package io.warden.adapter.driven.infinispan;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.infinispan.Cache;
import org.jspecify.annotations.Nullable;

/**
 * The Infinispan cache of one L1 cache, failing soft: a read that fails is a miss and a write that
 * fails keeps nothing (both counted as errors and logged), a removal or clear that fails is left to
 * eviction and the lifespan, and once closed nothing touches Infinispan any more. Infinispan
 * failing thus only ever costs speed; the answer then comes from the next tier.
 *
 * @param <K> the key
 * @param <V> what is kept per key
 */
final class FailSoftCache<K, V> implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(FailSoftCache.class.getName());

  private final String purpose;
  private final L1CacheManager.Handle<K, V> store;
  private final Cache<K, V> cache;
  private final CacheCounters counters;
  private volatile boolean closed;

  /**
   * @param purpose appears in log lines
   * @param store where the entries live; {@link #close()} stops it
   * @param counters where failed reads and writes are counted
   */
  FailSoftCache(String purpose, L1CacheManager.Handle<K, V> store, CacheCounters counters) {
    this.purpose = purpose;
    this.store = store;
    this.cache = store.cache();
    this.counters = counters;
  }

  /** The entry of {@code key}; null when there is none, the read failed, or this is closed. */
  @Nullable V get(K key) {
    if (closed) {
      return null;
    }
    try {
      return cache.get(key);
    } catch (RuntimeException e) {
      counters.errors.increment();
      LOG.log(System.Logger.Level.WARNING, "L1 " + purpose + " read failed; loading", e);
      return null;
    }
  }

  void put(K key, V value) {
    if (closed) {
      return;
    }
    try {
      cache.put(key, value);
    } catch (RuntimeException e) {
      writeFailed(e);
    }
  }

  /** As {@link #put(Object, Object)}, dropped by Infinispan after {@code lifespanMillis}. */
  void put(K key, V value, long lifespanMillis) {
    if (closed) {
      return;
    }
    try {
      cache.put(key, value, lifespanMillis, TimeUnit.MILLISECONDS);
    } catch (RuntimeException e) {
      writeFailed(e);
    }
  }

  void putAll(Map<K, V> entries) {
    if (entries.isEmpty() || closed) {
      return;
    }
    try {
      cache.putAll(entries);
    } catch (RuntimeException e) {
      writeFailed(e);
    }
  }

  /**
   * Frees one entry early; failing, its lifespan or eviction frees it later. Whether an entry was
   * there to free (false when the removal failed or this is closed).
   */
  boolean remove(K key) {
    if (closed) {
      return false;
    }
    try {
      return cache.remove(key) != null;
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.DEBUG, "L1 " + purpose + " removal failed; left to expire", e);
      return false;
    }
  }

  /** Frees every entry; callers guard correctness otherwise (generations), this frees memory. */
  void clear() {
    if (closed) {
      return;
    }
    try {
      cache.clear();
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "L1 " + purpose + " could not be cleared", e);
    }
  }

  /** The counters with Infinispan's evictions and size. */
  CacheStats stats() {
    return counters.stats(cache);
  }

  /** The Infinispan cache itself, for tests that look at what is held. */
  Cache<K, V> cache() {
    return cache;
  }

  /** Stops the store; later calls leave Infinispan alone. */
  @Override
  public void close() {
    closed = true;
    store.stop().run();
  }

  private void writeFailed(RuntimeException e) {
    counters.errors.increment();
    LOG.log(System.Logger.Level.WARNING, "L1 " + purpose + " write failed; not cached", e);
  }
}
