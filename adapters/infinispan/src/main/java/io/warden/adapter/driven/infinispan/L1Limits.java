package io.warden.adapter.driven.infinispan;

import java.time.Duration;

/**
 * Sizing and trust limits shared by the invalidation-guarded L1 caches ({@link
 * InfinispanPermissionCache}, {@link CachedSessionStates}, {@link CachedUserContexts}).
 *
 * @param maxEntries the most entries a cache holds; beyond it Infinispan evicts
 * @param lifespan the safety net: no entry is served, or kept, longer than this after its load
 * @param stalenessBound while the invalidation feed is down, no entry older than this is served
 */
public record L1Limits(long maxEntries, Duration lifespan, Duration stalenessBound) {
  public static final long DEFAULT_MAX_ENTRIES = LocalCaches.DEFAULT_MAX_ENTRIES;
  public static final Duration DEFAULT_LIFESPAN = LocalCaches.DEFAULT_LIFESPAN;
  public static final Duration DEFAULT_STALENESS_BOUND = LocalCaches.DEFAULT_STALENESS_BOUND;

  public L1Limits {
    LocalCaches.requireLimits(maxEntries, lifespan, stalenessBound);
  }

  /** 100 000 entries, 10 minutes safety net, 1 second staleness bound. */
  public static L1Limits defaults() {
    return new L1Limits(DEFAULT_MAX_ENTRIES, DEFAULT_LIFESPAN, DEFAULT_STALENESS_BOUND);
  }
}
