package io.warden.application.port.driving;

import io.warden.application.port.driving.HealthUseCase.Health;
import io.warden.domain.model.tenant.TenantId;
import io.warden.domain.model.user.UserId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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

  /**
   * What was measured since {@code since}, in the use case's own terms: each operation with its
   * tiers' hits worked out, revocation latency per change type, rate-limit refusals per class, the
   * busiest tenants and users, and the state of the shared tier's circuit breaker.
   */
  record PerformanceStats(
      Instant since,
      List<OperationFigures> operations,
      List<RevocationFigures> revocations,
      Map<String, Long> refusals,
      List<Busiest> busiestTenants,
      List<Busiest> busiestUsers,
      String circuitBreaker) {
    public PerformanceStats {
      operations = List.copyOf(operations);
      revocations = List.copyOf(revocations);
      busiestTenants = List.copyOf(busiestTenants);
      busiestUsers = List.copyOf(busiestUsers);
    }
  }

  /**
   * A latency distribution in milliseconds; all zero before the first value. The recorder ({@code
   * port.driven.Metrics}) hands out this same value: what it measures is what an operator reads.
   */
  record Latency(
      long count,
      double minMs,
      double avgMs,
      double maxMs,
      double p50Ms,
      double p95Ms,
      double p99Ms) {
    public static final Latency NONE = new Latency(0, 0, 0, 0, 0, 0, 0);
  }

  /**
   * One operation: how often and how fast (since start, and over the last minute); for one that a
   * cache serves ({@code cached}), the keys each tier answered itself, outermost first, the source
   * of truth last. Counts are of keys: one per single load, one per user of a batch.
   */
  record OperationFigures(
      String operation,
      Latency latency,
      Latency recent,
      boolean cached,
      Optional<Double> hitRatio,
      long l1Hits,
      long l2Hits,
      long misses,
      List<TierFigures> tiers) {
    public OperationFigures {
      tiers = List.copyOf(tiers);
    }
  }

  /** The keys of one operation that reached {@code tier}, those it answered, and its latency. */
  record TierFigures(String tier, long keys, long hits, Latency latency) {}

  /** Revocation latency of one change type. */
  record RevocationFigures(String changeType, Latency latency) {}

  /**
   * One of the most checked tenants ({@code userId} empty) or users (in {@code tenantId}) over the
   * last minute or so, with its number of checks; the recorder hands out this same value.
   */
  record Busiest(TenantId tenantId, Optional<UserId> userId, long checks) {}
}
