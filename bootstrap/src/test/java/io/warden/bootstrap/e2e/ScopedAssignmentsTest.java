package io.warden.bootstrap.e2e;

import static io.warden.bootstrap.e2e.WardenApi.assertProblem;
import static io.warden.bootstrap.e2e.WardenApi.expect;
import static io.warden.bootstrap.e2e.WardenApi.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.warden.bootstrap.e2e.WardenApi.Account;
import io.warden.bootstrap.testing.WardenClient;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Organization-scoped role assignments and organization-scoped checks over HTTP on two instances
 * sharing PostgreSQL and Redis: an assignment made for an organization grants there and below,
 * never tenant-wide; revoking it, or moving a subtree out from under it, is answered at once by the
 * writer and within the staleness bound by the other instance, each from a warm cache; every bad
 * input is a problem that changes nothing.
 */
class ScopedAssignmentsTest extends TwoWardensTest {
  private static final Duration PROPAGATION_DEADLINE = Duration.ofSeconds(5);

  private String tenant;
  private String admin;
  private String permission;
  private String roleId;

  @BeforeAll
  void start() {
    tenant = api.createTenant("scoped").getString("id");
    admin = api.token(api.member(tenant, "admin", "admin"));
    permission = "reports" + UUID.randomUUID().toString().substring(0, 8) + ".view";
    api.createPermission(permission);
    roleId = api.createRole(admin, "reporters", permission).getString("id");
  }

  private String create(String name, String parentId) {
    String body = parentId == null ? json("name", name) : json("name", name, "parentId", parentId);
    return expect(client.post("/api/organizations", admin, body), 201).json().getString("id");
  }

  private void assignIn(Account member, String organizationId) {
    expect(
        client.post(
            "/api/roles/" + roleId + "/users/" + member.id(),
            admin,
            json("organizationId", organizationId)),
        204);
  }

  private boolean mayIn(WardenClient on, String token, String organizationId) {
    JsonObject answer =
        expect(
                on.post(
                    "/api/authz/check",
                    token,
                    json("permission", permission, "organizationId", organizationId)),
                200)
            .json();
    assertThat(answer.getString("organizationId")).isEqualTo(organizationId);
    return answer.getBoolean("allowed");
  }

  /** Asks twice on each instance: the second answer comes from a warm L1. */
  private void warmBoth(String token, String organizationId, boolean expected) {
    for (int i = 0; i < 2; i++) {
      assertThat(mayIn(client, token, organizationId)).isEqualTo(expected);
      assertThat(mayIn(otherClient, token, organizationId)).isEqualTo(expected);
    }
  }

  /** After a change: the writer answers {@code expected} at once, the other instance soon. */
  private void bothAnswerAfterAChange(String token, String organizationId, boolean expected) {
    assertThat(mayIn(client, token, organizationId)).as("the writer, at once").isEqualTo(expected);
    long end = System.nanoTime() + PROPAGATION_DEADLINE.toNanos();
    while (mayIn(otherClient, token, organizationId) != expected) {
      assertThat(System.nanoTime())
          .as("other instance still answers the old state")
          .isLessThan(end);
      Thread.onSpinWait();
    }
  }

  @Test
  void a_scoped_assignment_grants_in_its_subtree_only_and_explain_names_its_organization() {
    String group = create("Group", null);
    String sales = create("Sales", group);
    String north = create("North", sales);
    String support = create("Support", group);
    Account analyst = api.member(tenant, "analyst");
    String token = api.token(analyst);
    assignIn(analyst, sales);

    assertThat(mayIn(client, token, sales)).isTrue();
    assertThat(mayIn(client, token, north)).isTrue();
    assertThat(mayIn(client, token, group)).isFalse();
    assertThat(mayIn(client, token, support)).isFalse();
    assertThat(mayIn(client, token, UUID.randomUUID().toString())).isFalse();
    assertThat(api.check(token, permission)).as("not tenant-wide").isFalse();
    assertThat(mayIn(client, admin, north)).as("admin holds nothing of it").isFalse();

    JsonObject explained =
        expect(
                client.get(
                    "/api/authz/explain?permission=" + permission + "&organizationId=" + north,
                    token),
                200)
            .json();
    assertThat(explained.getBoolean("allowed")).isTrue();
    assertThat(explained.getString("organizationId")).isEqualTo(north);
    JsonObject grant = explained.getJsonArray("grantedBy").getJsonObject(0);
    assertThat(grant.getString("roleId")).isEqualTo(roleId);
    assertThat(grant.getString("organizationId")).isEqualTo(sales);

    List<JsonObject> results =
        expect(
                client.post(
                    "/api/authz/check-batch",
                    admin,
                    "{\"checks\":["
                        + json("permission", permission, "userId", analyst.id())
                        + ","
                        + json(
                            "permission",
                            permission,
                            "userId",
                            analyst.id(),
                            "organizationId",
                            north)
                        + ","
                        + json(
                            "permission", permission, "userId", analyst.id(), "organizationId", "x")
                        + "]}"),
                200)
            .json()
            .getJsonArray("results")
            .getValuesAs(JsonObject.class);
    assertThat(results)
        .extracting(r -> r.getBoolean("allowed"))
        .containsExactly(false, true, false);
    assertThat(results.get(1).getString("organizationId")).isEqualTo(north);
    assertThat(results.get(2).getString("error")).contains("organizationId");
  }

  @Test
  void bad_or_foreign_organizations_are_problems_that_change_nothing() {
    String mine = create("Mine", null);
    String otherTenant = api.createTenant("scoped-other").getString("id");
    String otherAdmin = api.token(api.member(otherTenant, "admin", "admin"));
    String theirs =
        expect(client.post("/api/organizations", otherAdmin, json("name", "Theirs")), 201)
            .json()
            .getString("id");
    Account member = api.member(tenant, "member");
    String path = "/api/roles/" + roleId + "/users/" + member.id();

    for (String bad : List.of(theirs, UUID.randomUUID().toString())) {
      assertProblem(client.post(path, admin, json("organizationId", bad)), 400);
      assertProblem(client.delete(path + "?organizationId=" + bad, admin), 400);
    }
    assertProblem(client.post(path, admin, json("organizationId", "not-an-id")), 400);
    assertProblem(client.delete(path + "?organizationId=not-an-id", admin), 400);
    assertProblem(
        client.post("/api/authz/check", admin, json("permission", permission, "organizationId", 7)),
        400);
    assertProblem(
        client.get("/api/authz/explain?permission=" + permission + "&organizationId=zz", admin),
        400);
    assertThat(mayIn(client, api.token(member), mine)).isFalse();
    // Another tenant's organization is unknown here: not held, whatever is held tenant-wide.
    assertThat(
            expect(
                    client.post(
                        "/api/authz/check",
                        admin,
                        json("permission", "roles.view", "organizationId", theirs)),
                    200)
                .json()
                .getBoolean("allowed"))
        .isFalse();
  }

  @Test
  void revoking_a_scoped_assignment_is_seen_on_both_instances_from_warm_caches() {
    String region = create("Region", null);
    String city = create("City", region);
    Account seller = api.member(tenant, "seller");
    String token = api.token(seller);
    assignIn(seller, region);
    warmBoth(token, city, true);

    expect(
        client.delete(
            "/api/roles/" + roleId + "/users/" + seller.id() + "?organizationId=" + region, admin),
        204);

    bothAnswerAfterAChange(token, city, false);
  }

  private String servedBy(WardenClient on, String token, String organizationId) {
    String query = organizationId == null ? "" : "&organizationId=" + organizationId;
    return expect(on.get("/api/authz/explain?permission=" + permission + query, token), 200)
        .json()
        .getString("servedBy");
  }

  @Test
  void a_tree_change_leaves_every_cached_permission_set_in_place() {
    String root = create("Kept", null);
    String leaf = create("Leaf", root);
    String elsewhere = create("Aside", null);
    Account keeper = api.member(tenant, "keeper");
    String token = api.token(keeper);
    assignIn(keeper, root);
    warmBoth(token, leaf, true);
    // The assignment's own message may still evict the writer's fresh entry once: ask until L1.
    for (WardenClient on : List.of(client, otherClient)) {
      long end = System.nanoTime() + PROPAGATION_DEADLINE.toNanos();
      while (!servedBy(on, token, leaf).equals("l1")) {
        assertThat(System.nanoTime()).as("a warm set in L1").isLessThan(end);
      }
    }

    expect(client.patch("/api/organizations/" + leaf, admin, json("parentId", elsewhere)), 200);
    bothAnswerAfterAChange(token, leaf, false);

    // Only the trees were reloaded: the users' sets are still those in each instance's memory.
    assertThat(servedBy(client, token, leaf)).isEqualTo("l1");
    assertThat(servedBy(otherClient, token, leaf)).isEqualTo("l1");
    assertThat(servedBy(client, admin, null)).isEqualTo("l1");
  }

  @Test
  void moving_a_subtree_is_seen_on_both_instances_from_warm_caches() {
    String granted = create("Granted", null);
    String elsewhere = create("Elsewhere", null);
    String team = create("Team", granted);
    Account worker = api.member(tenant, "worker");
    String token = api.token(worker);
    assignIn(worker, granted);
    warmBoth(token, team, true);

    expect(client.patch("/api/organizations/" + team, admin, json("parentId", elsewhere)), 200);
    bothAnswerAfterAChange(token, team, false);

    expect(client.patch("/api/organizations/" + elsewhere, admin, json("parentId", granted)), 200);
    // Below Granted again, through Elsewhere.
    bothAnswerAfterAChange(token, team, true);

    expect(client.delete("/api/organizations/" + granted, admin), 204);
    bothAnswerAfterAChange(token, team, false);
  }
}
