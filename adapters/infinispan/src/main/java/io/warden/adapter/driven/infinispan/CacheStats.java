package io.warden.adapter.driven.infinispan;

/**
 * Counters of one L1 cache since it started, for {@code /api/performance/stats} and {@code
 * /metrics}.
 *
 * @param hits answers served from L1
 * @param misses answers that went to the next tier (absent, invalidated, expired or too old while
 *     the invalidation feed is down)
 * @param loads calls made to the next tier ({@code ofAll} counts once for all its misses)
 * @param coalescedLoads misses that joined a load already in flight instead of calling again
 * @param discardedLoads loads not kept because an invalidation covered them while they ran
 * @param evictions entries Infinispan dropped to stay within the bound
 * @param size entries currently held (approximate)
 * @param errors reads and writes of Infinispan that failed (the answer then came from the next
 *     tier, or was not kept)
 */
public record CacheStats(
    long hits,
    long misses,
    long loads,
    long coalescedLoads,
    long discardedLoads,
    long evictions,
    long size,
    long errors) {

  /** Hits over all answers, 0 before the first. */
  public double hitRatio() {
    long total = hits + misses;
    return total == 0 ? 0 : (double) hits / total;
  }
}
