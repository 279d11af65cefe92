package io.warden.adapter.driving.http;

import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.warden.application.port.driving.ObservabilityUseCase;
import io.warden.application.port.driving.ObservabilityUseCase.Latency;
import io.warden.application.port.driving.ObservabilityUseCase.OperationFigures;
import io.warden.application.port.driving.ObservabilityUseCase.PerformanceStats;
import io.warden.application.port.driving.ObservabilityUseCase.RevocationFigures;
import io.warden.application.port.driving.ObservabilityUseCase.TierFigures;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.time.format.DateTimeFormatter;

/** {@code GET /api/performance/stats}: what the dashboard draws. */
final class StatsEndpoints implements WardenService {
  private final ObservabilityUseCase observability;
  private final BearerAuthentication bearer;

  StatsEndpoints(ObservabilityUseCase observability, BearerAuthentication bearer) {
    this.observability = observability;
    this.bearer = bearer;
  }

  @Override
  public void routes(Routes routes) {
    routes.get("/api/performance/stats", this::stats);
  }

  private void stats(ServerRequest req, ServerResponse res) {
    Responses.ok(res, view(observability.stats(bearer.caller(req))));
  }

  /**
   * The contract's fields per operation ({@code totalRequests} counts calls; the hit columns count
   * keys, a batch's users one by one; they are null for an operation no cache serves), then what
   * the dashboard adds: the last minute's latency, each tier's keys and latency, revocation latency
   * per change type, rate-limit refusals per class and the busiest tenants and users.
   */
  static JsonObject view(PerformanceStats stats) {
    JsonArrayBuilder operations = JsonCodec.array();
    for (OperationFigures op : stats.operations()) {
      JsonObjectBuilder o =
          JsonCodec.object()
              .add("operation", op.operation())
              .add("totalRequests", op.latency().count());
      if (!op.cached()) {
        o.addNull("cacheHitRatio").addNull("l1Hits").addNull("l2Hits").addNull("misses");
      } else {
        o.add("cacheHitRatio", op.hitRatio().orElse(0.0))
            .add("l1Hits", op.l1Hits())
            .add("l2Hits", op.l2Hits())
            .add("misses", op.misses());
      }
      latency(o, op.latency());
      JsonObjectBuilder recent = JsonCodec.object().add("count", op.recent().count());
      latency(recent, op.recent());
      o.add("recent", recent);
      JsonArrayBuilder tiers = JsonCodec.array();
      for (TierFigures tier : op.tiers()) {
        JsonObjectBuilder t =
            JsonCodec.object()
                .add("tier", tier.tier())
                .add("keys", tier.keys())
                .add("hits", tier.hits());
        latency(t, tier.latency());
        tiers.add(t);
      }
      operations.add(o.add("tiers", tiers));
    }
    JsonArrayBuilder revocations = JsonCodec.array();
    for (RevocationFigures r : stats.revocations()) {
      JsonObjectBuilder o =
          JsonCodec.object().add("changeType", r.changeType()).add("count", r.latency().count());
      latency(o, r.latency());
      revocations.add(o);
    }
    JsonObjectBuilder refusals = JsonCodec.object();
    stats.refusals().forEach((limitClass, count) -> refusals.add(limitClass, count.longValue()));
    JsonArrayBuilder tenants = JsonCodec.array();
    stats
        .busiestTenants()
        .forEach(
            b ->
                tenants.add(
                    JsonCodec.object()
                        .add("tenantId", b.tenantId().toString())
                        .add("checks", b.checks())));
    JsonArrayBuilder users = JsonCodec.array();
    stats
        .busiestUsers()
        .forEach(
            b ->
                users.add(
                    JsonCodec.object()
                        .add("tenantId", b.tenantId().toString())
                        .add("userId", b.userId().map(Object::toString).orElse(""))
                        .add("checks", b.checks())));
    return JsonCodec.object()
        .add("operations", operations)
        .add("circuitBreaker", JsonCodec.object().add("state", stats.circuitBreaker()))
        .add("since", DateTimeFormatter.ISO_INSTANT.format(stats.since()))
        .add("revocationLatency", revocations)
        .add("rateLimitRefusals", refusals)
        .add("busiestTenants", tenants)
        .add("busiestUsers", users)
        .build();
  }

  private static void latency(JsonObjectBuilder o, Latency l) {
    o.add("avgMs", l.avgMs())
        .add("minMs", l.minMs())
        .add("maxMs", l.maxMs())
        .add("p50Ms", l.p50Ms())
        .add("p95Ms", l.p95Ms())
        .add("p99Ms", l.p99Ms());
  }
}
