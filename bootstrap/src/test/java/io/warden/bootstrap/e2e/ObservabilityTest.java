package io.warden.bootstrap.e2e;

import static io.warden.bootstrap.e2e.WardenApi.expect;
import static org.assertj.core.api.Assertions.assertThat;

import io.warden.bootstrap.testing.WardenClient;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue #8 against one real instance on PostgreSQL and Redis, with a management port: checks are
 * counted per tier, a change's revocation latency is measured when the listener evicts it, and
 * {@code /metrics} is served on the management port only.
 */
class ObservabilityTest extends OneWardenTest {
  private WardenClient management;

  @Override
  Map<String, String> settings() {
    Map<String, String> env = new HashMap<>(super.settings());
    env.put("WARDEN_MANAGEMENT_PORT", "0");
    return env;
  }

  @BeforeAll
  void start() {
    Optional<Integer> port = warden.warden().managementPort();
    assertThat(port).isPresent();
    assertThat(port.get()).isNotEqualTo(warden.warden().port());
    management = new WardenClient("http://127.0.0.1:" + port.get());
  }

  @Test
  void repeated_checks_are_answered_by_l1_and_counted_per_tier() {
    JsonObject tenant = api.createTenant("obs");
    String tenantId = tenant.getString("id");
    String admin = api.adminIn(tenantId);
    JsonObject before = stats(admin);

    for (int i = 0; i < 20; i++) {
      assertThat(api.check(admin, "users.view")).isTrue();
    }
    JsonObject after = stats(admin);

    JsonObject check = operation(after, "check");
    assertThat(check.getJsonNumber("totalRequests").longValue())
        .isGreaterThanOrEqualTo(
            operation(before, "check").getJsonNumber("totalRequests").longValue() + 20);
    assertThat(check.getJsonNumber("p99Ms").doubleValue()).isPositive();
    JsonObject load = operation(after, "permission load");
    assertThat(load.getJsonArray("tiers").getValuesAs(JsonObject.class))
        .extracting(t -> t.getString("tier"))
        .containsExactly("l1", "l2", "database");
    // Every check loaded its caller's permissions through L1. The first load went below, and the
    // assignment's own NOTIFY may evict the fresh entry once more (L2 then answers): the others
    // were L1 hits.
    JsonObject loadBefore = operation(before, "permission load");
    assertThat(tierKeys(load, "l1") - tierKeys(loadBefore, "l1")).isGreaterThanOrEqualTo(20);
    assertThat(
            load.getJsonNumber("l1Hits").longValue()
                - loadBefore.getJsonNumber("l1Hits").longValue())
        .isGreaterThanOrEqualTo(18);
    assertThat(load.getJsonNumber("cacheHitRatio").doubleValue()).isBetween(0.0, 1.0);
    assertThat(operation(after, "token verify").getJsonArray("tiers").getValuesAs(JsonObject.class))
        .extracting(t -> t.getString("tier"))
        .containsExactly("l1", "signature");
    // L1 is timed one call in sixteen, but every call counts.
    assertThat(
            operation(after, "token verify").getJsonNumber("totalRequests").longValue()
                - operation(before, "token verify").getJsonNumber("totalRequests").longValue())
        .isGreaterThanOrEqualTo(20);
    assertThat(operation(after, "session state").getJsonNumber("l1Hits").longValue()).isPositive();
    // Redis may be slow on a loaded machine and open the breaker: any of its states is an answer.
    assertThat(after.getJsonObject("circuitBreaker").getString("state"))
        .isIn("closed", "open", "half_open");
    assertThat(after.getJsonArray("busiestTenants").getValuesAs(JsonObject.class))
        .anySatisfy(t -> assertThat(t.getString("tenantId")).isEqualTo(tenantId));
  }

  @Test
  void a_change_is_measured_from_its_journal_entry_to_its_eviction_here()
      throws InterruptedException {
    String tenantId = api.createTenant("rev").getString("id");
    String admin = api.adminIn(tenantId);
    JsonObject role = api.createRole(admin, "reader", "users.view");
    expect(
        api.postEmpty("/api/roles/" + role.getString("id") + "/permissions/roles.view", admin),
        204);

    // The listener evicts after the writer answered: wait for its measurement to appear.
    JsonObject revoked = awaitRevocation(admin, "role.changed", Duration.ofSeconds(10));
    assertThat(revoked.getJsonNumber("count").longValue()).isPositive();
    assertThat(revoked.getJsonNumber("maxMs").doubleValue()).isGreaterThanOrEqualTo(0);
    assertThat(operation(stats(admin), "invalidation").getJsonNumber("totalRequests").longValue())
        .isPositive();

    String metrics = expect(management.get("/metrics", null), 200).body();
    assertThat(metrics)
        .contains("warden_revocation_latency_seconds_bucket{change_type=\"role.changed\"");
  }

  @Test
  void metrics_and_health_are_on_the_management_port_only() {
    String metrics = expect(management.get("/metrics", null), 200).body();
    assertThat(metrics)
        .contains("warden_db_statements_total")
        .contains("warden_http_requests_total")
        .contains("warden_db_pool_active")
        .contains("warden_circuit_breaker_state{state=\"closed\"}")
        .contains("warden_degraded")
        .contains("warden_cache_entries{cache=\"permissions\",tier=\"l1\"}")
        .contains("warden_operation_duration_seconds_bucket{operation=\"check\"")
        .contains("warden_cache_hits_total{operation=\"permission load\",tier=\"l1\"}")
        .contains("jvm_gc_");
    // Exactly one state of the breaker is the current one (which, on a loaded machine, may be
    // open).
    assertThat(metrics.lines().filter(l -> l.startsWith("warden_circuit_breaker_state{")))
        .hasSize(5)
        .filteredOn(l -> l.endsWith(" 1.0"))
        .hasSize(1);
    JsonObject health = management.get("/health/cache", null).json();
    assertThat(health.getJsonObject("checks").keySet()).containsExactly("l1", "l2");
    // The management port sees the details without a token: only operators reach it.
    assertThat(health.getJsonObject("checks").getJsonObject("l2").containsKey("detail")).isTrue();
    assertThat(expect(management.get("/ping", null), 200).body()).isEqualTo("pong");

    assertThat(client.get("/metrics", null).status()).isEqualTo(404);
    assertThat(client.get("/health", null).status()).isEqualTo(404);
    assertThat(client.get("/dashboard", null).status()).isEqualTo(200);
    assertThat(management.get("/api/performance/stats", api.adminToken()).status()).isEqualTo(404);
  }

  private JsonObject stats(String token) {
    return expect(client.get("/api/performance/stats", token), 200).json();
  }

  private static JsonObject operation(JsonObject stats, String name) {
    return stats.getJsonArray("operations").getValuesAs(JsonObject.class).stream()
        .filter(o -> o.getString("operation").equals(name))
        .findFirst()
        .orElseThrow();
  }

  private static long tierKeys(JsonObject operation, String tier) {
    return operation.getJsonArray("tiers").getValuesAs(JsonObject.class).stream()
        .filter(t -> t.getString("tier").equals(tier))
        .findFirst()
        .orElseThrow()
        .getJsonNumber("keys")
        .longValue();
  }

  private static Optional<JsonObject> revocation(JsonObject stats, String type) {
    return stats.getJsonArray("revocationLatency").getValuesAs(JsonObject.class).stream()
        .filter(r -> r.getString("changeType").equals(type))
        .findFirst();
  }

  /** Polls the statistics until {@code type} has a measurement; fails after {@code deadline}. */
  private JsonObject awaitRevocation(String token, String type, Duration deadline)
      throws InterruptedException {
    long end = System.nanoTime() + deadline.toNanos();
    while (true) {
      Optional<JsonObject> seen = revocation(stats(token), type);
      if (seen.isPresent()) {
        return seen.get();
      }
      if (System.nanoTime() > end) {
        throw new AssertionError("no revocation latency of " + type + " within " + deadline);
      }
      Thread.sleep(20);
    }
  }
}
