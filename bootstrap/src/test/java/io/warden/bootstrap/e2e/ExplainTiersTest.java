package io.warden.bootstrap.e2e;

import static io.warden.bootstrap.e2e.WardenApi.expect;
import static org.assertj.core.api.Assertions.assertThat;

import io.warden.bootstrap.e2e.WardenApi.Account;
import io.warden.bootstrap.testing.WardenClient;
import io.warden.bootstrap.testing.WardenInstance;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Explain names the tier that answered the permission set and when the set was read from the
 * database, over HTTP on two instances sharing PostgreSQL and Redis: cold from the database, warm
 * from L1, from L2 on an instance whose L1 does not hold it yet, and the read instant stays the
 * same across hits and tiers until a change replaces the set with a newer one.
 */
class ExplainTiersTest extends TwoWardensTest {
  private static final Duration PROPAGATION_DEADLINE = Duration.ofSeconds(5);

  private WardenInstance withoutL1;
  private String tenant;
  private String admin;

  @BeforeAll
  void start() {
    withoutL1 = WardenInstance.start(shared, Map.of("WARDEN_CACHE_L1", "false"));
    tenant = api.createTenant("explain").getString("id");
    admin = api.token(api.member(tenant, "admin", "admin"));
    api.createPermission("ledger.read");
    api.createPermission("ledger.write");
  }

  @AfterAll
  void stop() {
    if (withoutL1 != null) {
      withoutL1.close();
    }
  }

  private JsonObject explain(WardenInstance instance, String userId, String permission) {
    WardenClient client = instance.client();
    JsonObject answer =
        expect(
                client.get(
                    "/api/authz/explain?permission=" + permission + "&userId=" + userId, admin),
                200)
            .json();
    assertThat(answer.getString("servedBy")).isIn("l1", "l2", "database");
    return answer;
  }

  private static Instant computedAt(JsonObject answer) {
    return Instant.parse(answer.getString("computedAt"));
  }

  @Test
  void cold_is_the_database_warm_is_l1_another_instance_is_l2_and_the_read_instant_travels()
      throws InterruptedException {
    String role = api.createRole(admin, api.unique("ledger"), "ledger.read").getString("id");
    Account user = api.member(tenant, "reader");
    api.assign(admin, role, user.id());

    JsonObject cold = explain(warden, user.id(), "ledger.read");
    assertThat(cold.getBoolean("allowed")).isTrue();
    assertThat(cold.getString("servedBy")).isEqualTo("database");
    Instant readAt = computedAt(cold);
    assertThat(readAt).isBeforeOrEqualTo(Instant.now()).isAfter(Instant.now().minusSeconds(60));

    // The assignment's own NOTIFY may reach the writer just after the cold load and evict the
    // user's L1 entry once more (L2 then answers, and refills L1): asked again, L1 answers.
    JsonObject warm = explain(warden, user.id(), "ledger.read");
    for (int i = 0; i < 20 && !warm.getString("servedBy").equals("l1"); i++) {
      assertThat(warm.getString("servedBy")).isEqualTo("l2");
      assertThat(computedAt(warm)).isEqualTo(readAt);
      Thread.sleep(100);
      warm = explain(warden, user.id(), "ledger.read");
    }
    assertThat(warm.getString("servedBy")).isEqualTo("l1");
    assertThat(computedAt(warm)).isEqualTo(readAt);

    // The other instance's L1 has never held the set: the shared tier answers, same read instant.
    JsonObject shared = explain(other, user.id(), "ledger.read");
    assertThat(shared.getString("servedBy")).isEqualTo("l2");
    assertThat(computedAt(shared)).isEqualTo(readAt);
    JsonObject thenLocal = explain(other, user.id(), "ledger.read");
    assertThat(thenLocal.getString("servedBy")).isEqualTo("l1");
    assertThat(computedAt(thenLocal)).isEqualTo(readAt);

    // An instance without L1 answers from L2 every time, still with the original read instant.
    for (int i = 0; i < 3; i++) {
      JsonObject noL1 = explain(withoutL1, user.id(), "ledger.read");
      assertThat(noL1.getString("servedBy")).isEqualTo("l2");
      assertThat(computedAt(noL1)).isEqualTo(readAt);
    }
    // Checks in between do not disturb what explain reports.
    assertThat(api.check(admin, "ledger.read", user.id())).isTrue();
    assertThat(computedAt(explain(warden, user.id(), "ledger.read"))).isEqualTo(readAt);

    // A change replaces the set: the writer evicted every tier before it answered, so what it
    // serves next was read after the change, newer; the others follow. Read by this explain (from
    // the database) or, a moment before it, by the writer's refill of the role's one holder, which
    // runs in the background and stores the set in L2 on its way to L1.
    expect(api.postEmpty("/api/roles/" + role + "/permissions/ledger.write", admin), 204);
    JsonObject changed = explain(warden, user.id(), "ledger.write");
    assertThat(changed.getBoolean("allowed")).isTrue();
    assertThat(changed.getString("servedBy")).isIn("database", "l2", "l1");
    Instant rereadAt = computedAt(changed);
    assertThat(rereadAt).isAfter(readAt);
    // As after the cold load: the change's own NOTIFY may reach the writer after that read and
    // evict the entry once more (its refill then reloads it): asked again, L1 answers.
    JsonObject rewarm = explain(warden, user.id(), "ledger.write");
    for (int i = 0; i < 20 && !rewarm.getString("servedBy").equals("l1"); i++) {
      assertThat(rewarm.getString("servedBy")).isIn("l2", "database");
      assertThat(computedAt(rewarm)).isAfter(readAt);
      Thread.sleep(100);
      rewarm = explain(warden, user.id(), "ledger.write");
    }
    assertThat(rewarm.getString("servedBy")).isEqualTo("l1");

    // The role has one holder: a change of that user, which every instance that held the set
    // evicts and refills in the background, the writer included. So the set the other instance
    // follows with was read after the change, by the writer's refill or by the explain above
    // (two reads of the same new state, a few milliseconds apart), or by its own load: from the
    // database when it asks after its eviction and before the writer's refill reached L2.
    JsonObject followed = awaitAllowed(other, user.id(), "ledger.write");
    assertThat(followed.getString("servedBy")).isIn("l1", "l2", "database");
    assertThat(computedAt(followed)).isAfter(readAt);
  }

  @Test
  void a_denial_is_explained_with_the_tier_and_read_instant_too() {
    Account user = api.member(tenant, "nobody");

    JsonObject cold = explain(warden, user.id(), "ledger.write");
    assertThat(cold.getBoolean("allowed")).isFalse();
    assertThat(cold.getJsonArray("grantedBy")).isEmpty();
    assertThat(cold.getString("servedBy")).isEqualTo("database");
    JsonObject warm = explain(warden, user.id(), "ledger.write");
    assertThat(warm.getString("servedBy")).isEqualTo("l1");
    assertThat(warm.getString("computedAt")).isEqualTo(cold.getString("computedAt"));
  }

  /** Polls {@code instance} until it answers allowed (the invalidation reaches it async). */
  private JsonObject awaitAllowed(WardenInstance instance, String userId, String permission) {
    long end = System.nanoTime() + PROPAGATION_DEADLINE.toNanos();
    while (true) {
      JsonObject answer = explain(instance, userId, permission);
      if (answer.getBoolean("allowed")) {
        return answer;
      }
      assertThat(System.nanoTime()).as("%s still denies %s", instance, permission).isLessThan(end);
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }
}
