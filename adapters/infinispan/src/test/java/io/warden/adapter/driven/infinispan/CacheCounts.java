package io.warden.adapter.driven.infinispan;

import static org.assertj.core.api.Assertions.assertThat;

/** The counters of {@link CacheStats} the caches' tests check after a sequence of reads. */
final class CacheCounts {
  private CacheCounts() {}

  /** Fails unless {@code stats} counts these hits, misses, loads made and entries held. */
  static void assertCounts(CacheStats stats, long hits, long misses, long loads, long size) {
    assertThat(stats.hits()).as("hits").isEqualTo(hits);
    assertThat(stats.misses()).as("misses").isEqualTo(misses);
    assertThat(stats.loads()).as("loads").isEqualTo(loads);
    assertThat(stats.size()).as("entries held").isEqualTo(size);
  }
}
