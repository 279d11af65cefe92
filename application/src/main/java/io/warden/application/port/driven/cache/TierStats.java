package io.warden.application.port.driven.cache;

import java.util.OptionalLong;

/**
 * The counters of one cache held by a tier, since the tier started.
 *
 * @param cache what is cached, e.g. {@code permissions} or {@code session-states}
 * @param hits answers served by this cache
 * @param misses answers that went on to the next tier
 * @param errors calls to the cache's own store that failed (the answer then came from the next
 *     tier)
 * @param entries entries held now, where the tier can count them cheaply (a shared store cannot)
 */
public record TierStats(String cache, long hits, long misses, long errors, OptionalLong entries) {

  /** Hits over all answers, 0 before the first. */
  public double hitRatio() {
    long total = hits + misses;
    return total == 0 ? 0 : (double) hits / total;
  }
}
