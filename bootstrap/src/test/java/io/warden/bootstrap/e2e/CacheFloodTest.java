package io.warden.bootstrap.e2e;

import static io.warden.bootstrap.e2e.WardenApi.expect;
import static io.warden.bootstrap.e2e.WardenApi.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.ScanArgs;
import io.warden.bootstrap.e2e.WardenApi.Account;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A member cannot flood the permission caches with random user ids: every route that reads another
 * user's permissions (check, check-batch, the permissions of a user, the permissions batch,
 * explain) answers a stranger with nothing and leaves L1 (Infinispan) and L2 (Redis) as large as
 * they were; a member without {@code authz.check} makes check-batch read no one but themselves.
 * Members are still cached, which shows the sizes measured can grow.
 */
class CacheFloodTest extends OneWardenTest {
  private String tenant;
  private String inspector;
  private String plain;
  private final List<Account> members = new ArrayList<>();

  @BeforeAll
  void start() {
    tenant = api.createTenant("flood").getString("id");
    String admin = api.token(api.member(tenant, "admin", "admin"));
    String role = api.createRole(admin, "inspector", "authz.check", "users.view").getString("id");
    Account inspectorAccount = api.member(tenant, "inspector");
    api.assign(admin, role, inspectorAccount.id());
    inspector = api.token(inspectorAccount);
    plain = api.token(api.member(tenant, "plain"));
    for (int i = 0; i < 5; i++) {
      members.add(api.member(tenant, "member"));
    }
    // The callers' own sets are cached by their first requests: warm them before measuring.
    api.check(inspector, "users.view");
    api.check(plain, "users.view");
  }

  @Test
  void batches_of_random_ids_leave_both_cache_tiers_as_they_were() {
    long l1Before = l1Size();
    long l2Before = l2Entries();

    for (int round = 0; round < 5; round++) {
      List<String> ids = randomIds(1000);
      JsonObject batch =
          expect(client.post("/api/authz/permissions/batch", inspector, json("userIds", ids)), 200)
              .json()
              .getJsonObject("permissions");
      assertThat(batch.keySet()).hasSize(1000);
      assertThat(batch.values()).allSatisfy(v -> assertThat(v.asJsonArray()).isEmpty());

      JsonObject checks =
          expect(client.post("/api/authz/check-batch", inspector, checks(randomIds(100))), 200)
              .json();
      assertThat(checks.getJsonArray("results"))
          .hasSize(100)
          .allSatisfy(r -> assertThat(r.asJsonObject().getBoolean("allowed")).isFalse());
      String one = UUID.randomUUID().toString();
      assertThat(api.check(inspector, "users.view", one)).isFalse();
      expect(client.get("/api/authz/users/" + one + "/permissions", inspector), 200);
      expect(client.get("/api/authz/explain?permission=users.view&userId=" + one, inspector), 200);
      // Without authz.check every other-user item is refused, before anything is read.
      expect(client.post("/api/authz/check-batch", plain, checks(randomIds(100))), 200);
    }

    assertThat(l1Size()).as("L1 entries").isEqualTo(l1Before);
    assertThat(l2Entries()).as("L2 entries").isEqualTo(l2Before);

    // The same routes about members do fill the caches: the measure can see growth.
    List<String> ids = members.stream().map(Account::id).toList();
    expect(client.post("/api/authz/permissions/batch", inspector, json("userIds", ids)), 200);
    assertThat(l1Size()).isEqualTo(l1Before + members.size());
    assertThat(l2Entries()).isEqualTo(l2Before + members.size());
  }

  private static List<String> randomIds(int count) {
    return Stream.generate(() -> UUID.randomUUID().toString()).limit(count).toList();
  }

  private static String checks(List<String> userIds) {
    JsonArrayBuilder items = Json.createArrayBuilder();
    for (String id : userIds) {
      items.add(Json.createObjectBuilder().add("permission", "users.view").add("userId", id));
    }
    return Json.createObjectBuilder().add("checks", items).build().toString();
  }

  private long l1Size() {
    return warden.components().l1().orElseThrow().stats().size();
  }

  /** Permission entries under this instance's Redis prefix (markers aside), by SCAN. */
  private long l2Entries() {
    ScanArgs match = ScanArgs.Builder.matches(shared.redisPrefix() + ":*:p:*").limit(1000);
    return warden
        .components()
        .redis()
        .orElseThrow()
        .execute(
            redis -> {
              KeyScanCursor<String> cursor = redis.scan(match);
              long found = cursor.getKeys().size();
              while (!cursor.isFinished()) {
                cursor = redis.scan(cursor, match);
                found += cursor.getKeys().size();
              }
              return found;
            });
  }
}
