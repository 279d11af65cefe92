package io.warden.application.port.driving;

import io.warden.application.port.driven.Metrics;
import io.warden.application.port.driving.HealthUseCase.Health;

/** What operators read: the performance statistics, the cache tiers' health and every metric. */
public interface ObservabilityUseCase {

  /**
   * Every operation's counts and latency, the tiers that answered, the breaker: for a system
   * administrator or a holder of {@code metrics.view} in the token's tenant, else {@link
   * Forbidden}.
   */
  PerformanceStats stats(Caller caller);

  /**
   * The cache tiers only: {@code l1} (DEGRADED while the invalidation feed is down: entries are
   * served only within the staleness bound) and {@code l2} (Redis), each when configured; the
   * overall status is the worst of them.
   */
  Health cacheHealth();

  /** Every metric, for a scraper ({@code /metrics}); unauthenticated, like the contract says. */
  String scrape();

  /** The media type of {@link #scrape()}. */
  String scrapeContentType();

  /** The statistics and the state of the shared tier's circuit breaker. */
  record PerformanceStats(Metrics.Snapshot metrics, String circuitBreaker) {}
}
