package io.warden.adapter.driven.infinispan;

import java.util.concurrent.atomic.LongAdder;
import org.infinispan.Cache;
import org.infinispan.stats.Stats;

/**
 * The counters every L1 cache keeps, and how they and Infinispan's own eviction count and size
 * become one {@link CacheStats}.
 */
final class CacheCounters {
  private static final System.Logger LOG = System.getLogger(CacheCounters.class.getName());

  final LongAdder hits = new LongAdder();
  final LongAdder misses = new LongAdder();
  final LongAdder loads = new LongAdder();
  final LongAdder coalescedLoads = new LongAdder();
  final LongAdder discardedLoads = new LongAdder();
  final LongAdder errors = new LongAdder();

  /** The counters with {@code cache}'s evictions and size (both 0 if Infinispan cannot say). */
  CacheStats stats(Cache<?, ?> cache) {
    long evictions = 0;
    long size = 0;
    try {
      Stats infinispan = cache.getAdvancedCache().getStats();
      evictions = infinispan.getEvictions();
      size = infinispan.getApproximateEntriesInMemory();
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.DEBUG, "L1 statistics unavailable", e);
    }
    return new CacheStats(
        hits.sum(),
        misses.sum(),
        loads.sum(),
        coalescedLoads.sum(),
        discardedLoads.sum(),
        evictions,
        size,
        errors.sum());
  }
}
