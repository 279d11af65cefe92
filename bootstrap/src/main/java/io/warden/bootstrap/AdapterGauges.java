package io.warden.bootstrap;

import io.warden.adapter.driven.metrics.PrometheusMetrics;
import io.warden.adapter.driven.postgres.PostgresPersistence;
import io.warden.adapter.driven.postgres.listen.PostgresInvalidationListener;
import io.warden.application.port.driven.BreakerState;
import io.warden.application.port.driven.cache.CacheTier;
import io.warden.application.port.driven.cache.TierStats;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.LongSupplier;

/**
 * The gauges and counters of {@code /metrics} read straight from the adapters bootstrap holds: the
 * pool, the statements run, the invalidation feed, the L2 breaker, degraded mode and each cache
 * tier's entries and errors. Read at scrape time, never on a request.
 */
final class AdapterGauges {
  private AdapterGauges() {}

  static void register(
      PrometheusMetrics prometheus,
      LongSupplier requests,
      List<CacheTier> tiers,
      PostgresPersistence persistence,
      PostgresInvalidationListener listener,
      BreakerState breaker) {
    prometheus.counter(
        "warden_db_statements",
        "SQL statements run through the pool (divide by warden_http_requests for per request)",
        persistence::statementsExecuted);
    prometheus.counter("warden_http_requests", "HTTP requests answered, on every port", requests);
    prometheus.gauge(
        "warden_db_pool_active", "Pool connections in use", () -> pool(persistence).active());
    prometheus.gauge(
        "warden_db_pool_idle", "Pool connections idle", () -> pool(persistence).idle());
    prometheus.gauge(
        "warden_db_pool_pending",
        "Threads waiting for a connection",
        () -> pool(persistence).waiting());
    prometheus.gauge("warden_db_pool_max", "Pool size limit", () -> pool(persistence).max());
    prometheus.gauge(
        "warden_invalidation_feed_live",
        "1 while the LISTEN feed is confirmed live (else L1 serves within the staleness bound)",
        () -> listener.live() ? 1 : 0);
    prometheus.counter(
        "warden_invalidation_messages", "Invalidation messages received", listener::received);
    for (String state : List.of("closed", "open", "half_open", "disabled", "forced_open")) {
      prometheus.gauge(
          "warden_circuit_breaker_state",
          "1 for the current state of the Redis (L2) circuit breaker",
          () -> state.equals(breaker.current()) ? 1 : 0,
          "state",
          state);
    }
    prometheus.gauge(
        "warden_degraded",
        "1 while Warden serves in degraded mode: invalidation feed down or Redis breaker not closed",
        () -> !listener.live() || !isClosedOrDisabled(breaker.current()) ? 1 : 0);
    for (CacheTier tier : tiers) {
      for (TierStats cache : tier.stats()) {
        String name = cache.cache();
        prometheus.gauge(
            "warden_cache_entries",
            "Entries a cache tier holds (where it can count them cheaply)",
            () -> stats(tier, name).entries().orElse(0),
            "tier",
            tier.name(),
            "cache",
            name);
        prometheus.counter(
            "warden_cache_errors",
            "Calls to a cache tier's own store that failed (answered by the next tier)",
            () -> stats(tier, name).errors(),
            "tier",
            tier.name(),
            "cache",
            name);
      }
    }
  }

  private static TierStats stats(CacheTier tier, String cache) {
    for (TierStats stats : tier.stats()) {
      if (stats.cache().equals(cache)) {
        return stats;
      }
    }
    return new TierStats(cache, 0, 0, 0, OptionalLong.empty());
  }

  private static PostgresPersistence.PoolStats pool(PostgresPersistence persistence) {
    return persistence.poolStats();
  }

  private static boolean isClosedOrDisabled(String state) {
    return "closed".equals(state) || "disabled".equals(state);
  }
}
