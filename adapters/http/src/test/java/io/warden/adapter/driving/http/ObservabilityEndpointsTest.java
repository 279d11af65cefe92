package io.warden.adapter.driving.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import io.warden.adapter.driving.http.ApiClient.Reply;
import io.warden.application.port.driven.Metrics.Operation;
import io.warden.application.port.driven.Metrics.Tier;
import io.warden.application.port.driving.HealthUseCase.Status;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URI;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code /api/performance/stats}, {@code /metrics}, {@code /health/cache} and the dashboard's files
 * through the production routing, over real metrics that each test feeds with known values (each
 * test its own operation: the world is shared).
 */
@ServerTest
class ObservabilityEndpointsTest extends ApiTest {
  private static final TestWorld WORLD = new TestWorld();
  private static final String STATS = "/api/performance/stats";

  ObservabilityEndpointsTest(URI uri) {
    super(uri, WORLD);
  }

  @SetUpRoute
  static void routing(HttpRouting.Builder routing) {
    WardenHttp.routing(routing, WORLD.useCases());
  }

  @AfterEach
  void tiersUp() {
    WORLD.l1.set(Status.UP, "ok");
    WORLD.l2.set(Status.UP, "ok");
  }

  @Test
  void the_statistics_need_metrics_view_or_a_system_administrator() {
    assertProblem(api.get(STATS, null), 401);
    assertProblem(api.get(STATS, "not-a-token"), 401);
    assertProblem(api.get(STATS, WORLD.revokedToken), 401);
    // A plain member holds no metrics.view; a token of another tenant's admin sees its own
    // tenant's.
    assertProblem(api.get(STATS, WORLD.acmeMemberToken), 403);
    assertThat(api.get(STATS, WORLD.acmeAdminToken).status()).isEqualTo(200);
    assertThat(api.get(STATS, WORLD.globexAdminToken).status()).isEqualTo(200);
    // A system administrator needs no tenant.
    assertThat(api.get(STATS, WORLD.rootToken).status()).isEqualTo(200);
  }

  @Test
  void every_operation_is_listed_in_the_contract_shape() {
    Reply reply = api.get(STATS, WORLD.acmeAdminToken);

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.header("Cache-Control")).contains("no-store");
    JsonObject stats = reply.object();
    assertThat(stats.keySet())
        .contains("operations", "circuitBreaker", "since")
        .contains("revocationLatency", "rateLimitRefusals", "busiestTenants", "busiestUsers");
    assertThat(stats.getJsonObject("circuitBreaker").getString("state")).isEqualTo("closed");
    List<String> names =
        stats.getJsonArray("operations").getValuesAs(JsonObject.class).stream()
            .map(o -> o.getString("operation"))
            .toList();
    assertThat(names)
        .containsExactly(
            "check",
            "batch check",
            "permission load",
            "batch permission load",
            "user context",
            "token verify",
            "session state",
            "rate limit",
            "invalidation");
    for (JsonObject op : stats.getJsonArray("operations").getValuesAs(JsonObject.class)) {
      assertThat(op.keySet())
          .contains(
              "operation",
              "totalRequests",
              "cacheHitRatio",
              "l1Hits",
              "l2Hits",
              "misses",
              "avgMs",
              "minMs",
              "maxMs",
              "p50Ms",
              "p95Ms",
              "p99Ms");
    }
  }

  @Test
  void latency_percentiles_are_those_of_the_recorded_values() {
    for (int ms = 1; ms <= 100; ms++) {
      WORLD.metrics.operation(Operation.RATE_LIMIT, TimeUnit.MILLISECONDS.toNanos(ms));
    }

    JsonObject op = operation("rate limit");

    assertThat(op.getJsonNumber("totalRequests").longValue()).isEqualTo(100);
    // HdrHistogram keeps two significant digits: within 1 % of the exact order statistics.
    assertThat(op.getJsonNumber("minMs").doubleValue()).isCloseTo(1, within(0.01));
    assertThat(op.getJsonNumber("p50Ms").doubleValue()).isCloseTo(50, within(0.5));
    assertThat(op.getJsonNumber("p95Ms").doubleValue()).isCloseTo(95, within(1.0));
    assertThat(op.getJsonNumber("p99Ms").doubleValue()).isCloseTo(99, within(1.0));
    assertThat(op.getJsonNumber("maxMs").doubleValue()).isCloseTo(100, within(1.0));
    assertThat(op.getJsonNumber("avgMs").doubleValue()).isCloseTo(50.5, within(0.5));
    assertThat(op.getJsonObject("recent").getJsonNumber("count").longValue()).isEqualTo(100);
    // No cache serves it: the hit columns are null, not zero.
    assertThat(op.get("cacheHitRatio")).isEqualTo(JsonValue.NULL);
    assertThat(op.get("l1Hits")).isEqualTo(JsonValue.NULL);
    assertThat(op.get("misses")).isEqualTo(JsonValue.NULL);
  }

  @Test
  void hits_and_misses_per_tier_are_the_keys_that_reached_one_tier_but_not_the_next() {
    WORLD.metrics.declareTiers(Operation.USER_CONTEXT, List.of(Tier.L1, Tier.L2, Tier.DATABASE));
    record(Tier.L1, 10);
    record(Tier.L2, 4);
    record(Tier.DATABASE, 1);

    JsonObject op = operation("user context");

    assertThat(op.getJsonNumber("l1Hits").longValue()).isEqualTo(6);
    assertThat(op.getJsonNumber("l2Hits").longValue()).isEqualTo(3);
    assertThat(op.getJsonNumber("misses").longValue()).isEqualTo(1);
    assertThat(op.getJsonNumber("cacheHitRatio").doubleValue()).isCloseTo(0.9, within(1e-9));
    // The operation's latency is its outermost tier's: the whole load as its caller saw it.
    assertThat(op.getJsonNumber("totalRequests").longValue()).isEqualTo(10);
    List<JsonObject> tiers = op.getJsonArray("tiers").getValuesAs(JsonObject.class);
    assertThat(tiers).extracting(t -> t.getString("tier")).containsExactly("l1", "l2", "database");
    assertThat(tiers)
        .extracting(t -> t.getJsonNumber("keys").longValue())
        .containsExactly(10L, 4L, 1L);
    assertThat(tiers)
        .extracting(t -> t.getJsonNumber("hits").longValue())
        .containsExactly(6L, 3L, 0L);
  }

  private static void record(Tier tier, int keys) {
    for (int i = 0; i < keys; i++) {
      WORLD.metrics.tier(tier, Operation.USER_CONTEXT, 1, TimeUnit.MICROSECONDS.toNanos(50));
    }
  }

  @Test
  void revocations_refusals_and_the_busiest_are_reported() {
    WORLD.metrics.revoked("role.revoked.test", 12);
    WORLD.metrics.rateLimitRefused("check");
    WORLD.metrics.rateLimitRefused("check");
    for (int i = 0; i < 3; i++) {
      WORLD.metrics.checked(WORLD.globex.id(), WORLD.globexAdmin.id());
    }

    JsonObject stats = api.get(STATS, WORLD.rootToken).object();

    JsonObject revoked =
        stats.getJsonArray("revocationLatency").getValuesAs(JsonObject.class).stream()
            .filter(r -> r.getString("changeType").equals("role.revoked.test"))
            .findFirst()
            .orElseThrow();
    assertThat(revoked.getJsonNumber("count").longValue()).isEqualTo(1);
    assertThat(revoked.getJsonNumber("p99Ms").doubleValue()).isCloseTo(12, within(0.2));
    assertThat(stats.getJsonObject("rateLimitRefusals").getJsonNumber("check").longValue())
        .isEqualTo(2);
    assertThat(stats.getJsonArray("busiestUsers").getValuesAs(JsonObject.class))
        .anySatisfy(
            u -> {
              assertThat(u.getString("userId")).isEqualTo(WORLD.globexAdmin.id().toString());
              assertThat(u.getString("tenantId")).isEqualTo(WORLD.globex.id().toString());
              assertThat(u.getJsonNumber("checks").longValue()).isGreaterThanOrEqualTo(3);
            });
    assertThat(stats.getJsonArray("busiestTenants").getValuesAs(JsonObject.class))
        .anySatisfy(
            t -> assertThat(t.getString("tenantId")).isEqualTo(WORLD.globex.id().toString()));
  }

  @Test
  void metrics_are_prometheus_text_with_histograms_counted_exactly() {
    for (int i = 0; i < 7; i++) {
      WORLD.metrics.operation(Operation.INVALIDATION, TimeUnit.MICROSECONDS.toNanos(300));
    }

    Reply reply = api.get("/metrics", null);

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.contentType()).startsWith("text/plain");
    String text = reply.body();
    // 300 µs falls in the 0.0005 s bucket and every one above it, none below.
    assertThat(text)
        .contains(
            "warden_operation_duration_seconds_bucket{operation=\"invalidation\",le=\"2.5E-4\"} 0")
        .contains(
            "warden_operation_duration_seconds_bucket{operation=\"invalidation\",le=\"5.0E-4\"} 7")
        .contains(
            "warden_operation_duration_seconds_bucket{operation=\"invalidation\",le=\"+Inf\"} 7")
        .contains("warden_operation_duration_seconds_count{operation=\"invalidation\"} 7")
        .contains("jvm_memory_used_bytes")
        .contains("jvm_gc_");
  }

  @Test
  void cache_health_is_the_worst_tier_and_details_are_for_the_privileged() {
    Reply up = api.get("/health/cache", null);
    assertThat(up.status()).isEqualTo(200);
    assertThat(up.object().getString("status")).isEqualTo("UP");
    assertThat(up.object().getJsonObject("checks").keySet()).containsExactly("l1", "l2");

    WORLD.l1.set(Status.DEGRADED, "invalidation feed down");
    assertThat(api.get("/health/cache", null).object().getString("status")).isEqualTo("DEGRADED");

    WORLD.l2.set(Status.DOWN, "breaker OPEN: connection refused");
    Reply down = api.get("/health/cache", null);
    assertThat(down.status()).isEqualTo(503);
    assertThat(down.object().getString("status")).isEqualTo("DOWN");
    assertThat(down.body()).doesNotContain("connection refused");

    Reply detailed = api.get("/health/cache", WORLD.acmeAdminToken);
    assertThat(detailed.object().getJsonObject("checks").getJsonObject("l2").getString("detail"))
        .contains("connection refused");
  }

  @Test
  void the_dashboard_is_served_with_its_bundled_chart_library_and_a_strict_policy() {
    Reply page = api.get("/dashboard", null);

    assertThat(page.status()).isEqualTo(200);
    assertThat(page.contentType()).startsWith("text/html");
    assertThat(page.header("Content-Security-Policy").orElseThrow())
        .contains("script-src 'self'")
        .contains("connect-src 'self'")
        .contains("frame-ancestors 'none'");
    assertThat(page.body())
        .contains("/dashboard/chart.umd.min.js")
        .contains("/dashboard/dashboard.js")
        .doesNotContain("http://")
        .doesNotContain("https://");

    Reply chart = api.get("/dashboard/chart.umd.min.js", null);
    assertThat(chart.status()).isEqualTo(200);
    assertThat(chart.contentType()).startsWith("text/javascript");
    assertThat(chart.body()).contains("Chart.js").hasSizeGreaterThan(100_000);
    assertThat(api.get("/dashboard/dashboard.js", null).body())
        .contains("from './api.js'")
        .contains("from './charts.js'");
    assertThat(api.get("/dashboard/charts.js", null).body()).contains("/api/performance/stats");
    assertThat(api.get("/dashboard/api.js", null).body()).contains("/api/auth/refresh");
    for (String module : List.of("dashboard.js", "api.js", "charts.js")) {
      assertThat(api.get("/dashboard/" + module, null).contentType()).startsWith("text/javascript");
    }
    assertThat(api.get("/dashboard/dashboard.css", null).body())
        .contains("prefers-color-scheme: dark");
    assertProblem(api.get("/dashboard/other.js", null), 404);
    assertProblem(api.json("POST", "/dashboard", null, "{}"), 405);
  }

  private JsonObject operation(String name) {
    return api
        .get(STATS, WORLD.acmeAdminToken)
        .object()
        .getJsonArray("operations")
        .getValuesAs(JsonObject.class)
        .stream()
        .filter(o -> o.getString("operation").equals(name))
        .findFirst()
        .orElseThrow();
  }
}
