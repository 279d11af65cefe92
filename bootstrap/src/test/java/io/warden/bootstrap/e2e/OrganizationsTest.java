package io.warden.bootstrap.e2e;

import static io.warden.bootstrap.e2e.WardenApi.assertProblem;
import static io.warden.bootstrap.e2e.WardenApi.expect;
import static io.warden.bootstrap.e2e.WardenApi.json;
import static io.warden.bootstrap.e2e.WardenApi.strings;
import static org.assertj.core.api.Assertions.assertThat;

import io.warden.bootstrap.e2e.WardenApi.Account;
import io.warden.bootstrap.testing.WardenClient;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Organizations over HTTP on two instances sharing PostgreSQL and Redis: the tree, its members,
 * {@code /api/me}'s direct and accessible organizations; moving a subtree changes what a member
 * reaches at once on the writer and within the staleness bound on the other instance, from a warm
 * cache; another tenant's organizations are never reachable.
 */
class OrganizationsTest extends TwoWardensTest {
  private static final Duration PROPAGATION_DEADLINE = Duration.ofSeconds(5);

  private String tenant;
  private String admin;

  @BeforeAll
  void start() {
    tenant = api.createTenant("orgs").getString("id");
    admin = api.token(api.member(tenant, "admin", "admin"));
  }

  private String create(String token, String name, String parentId) {
    String body = parentId == null ? json("name", name) : json("name", name, "parentId", parentId);
    return expect(client.post("/api/organizations", token, body), 201).json().getString("id");
  }

  private Set<String> accessible(WardenClient on, String token) {
    JsonObject me = expect(on.get("/api/me", token), 200).json();
    return Set.copyOf(strings(me.getJsonArray("accessibleOrganizationIds")));
  }

  @Test
  void moving_a_subtree_changes_what_members_reach_on_both_instances() {
    String group = create(admin, "Group", null);
    String sales = create(admin, "Sales", group);
    String north = create(admin, "North", sales);
    String south = create(admin, "South", north);
    String elsewhere = create(admin, "Elsewhere", null);
    Account member = api.member(tenant, "seller");
    String token = api.token(member);
    expect(api.postEmpty("/api/organizations/" + sales + "/members/" + member.id(), admin), 204);

    JsonObject me = expect(client.get("/api/me", token), 200).json();
    assertThat(me.getJsonArray("organizations").getValuesAs(JsonObject.class))
        .extracting(o -> o.getString("name"))
        .containsExactly("Sales");
    Set<String> before = Set.of(sales, north, south);
    // Warm on both instances (twice: the second answer comes from L1).
    for (int i = 0; i < 2; i++) {
      assertThat(accessible(client, token)).isEqualTo(before);
      assertThat(accessible(otherClient, token)).isEqualTo(before);
    }

    expect(client.patch("/api/organizations/" + north, admin, json("parentId", elsewhere)), 200);

    assertThat(accessible(client, token)).isEqualTo(Set.of(sales));
    long end = System.nanoTime() + PROPAGATION_DEADLINE.toNanos();
    while (!accessible(otherClient, token).equals(Set.of(sales))) {
      assertThat(System.nanoTime()).as("other instance still shows the old tree").isLessThan(end);
      Thread.onSpinWait();
    }

    // Deleting Sales moves nothing into reach; its members lose it.
    expect(client.delete("/api/organizations/" + sales, admin), 204);
    assertThat(accessible(client, token)).isEmpty();
    List<JsonObject> all =
        expect(client.get("/api/organizations", admin), 200)
            .jsonArray()
            .getValuesAs(JsonObject.class);
    assertThat(all).extracting(o -> o.getString("id")).doesNotContain(sales).contains(group, north);
  }

  @Test
  void another_tenants_organizations_are_never_reachable() {
    String mine = create(admin, "Mine", null);
    String otherTenant = api.createTenant("orgs-other").getString("id");
    String otherAdmin = api.token(api.member(otherTenant, "admin", "admin"));
    String theirs = create(otherAdmin, "Theirs", null);

    assertThat(expect(client.get("/api/organizations", otherAdmin), 200).body())
        .doesNotContain(mine);
    assertProblem(client.patch("/api/organizations/" + mine, otherAdmin, json("name", "x")), 404);
    assertProblem(client.delete("/api/organizations/" + mine, otherAdmin), 404);
    assertProblem(
        client.post("/api/organizations", admin, json("name", "child", "parentId", theirs)), 400);
    assertProblem(client.patch("/api/organizations/" + mine, admin, json("parentId", theirs)), 400);
    Account stranger = api.member(otherTenant, "stranger");
    assertProblem(
        api.postEmpty("/api/organizations/" + mine + "/members/" + stranger.id(), admin), 404);
    assertProblem(
        api.postEmpty("/api/organizations/" + mine + "/members/" + UUID.randomUUID(), admin), 404);
    assertThat(expect(client.get("/api/organizations", admin), 200).body()).doesNotContain(theirs);
  }

  @Test
  void cycles_and_bad_input_are_problems_that_change_nothing() {
    String root = create(admin, "Root", null);
    String child = create(admin, "Child", root);
    assertProblem(client.patch("/api/organizations/" + root, admin, json("parentId", child)), 400);
    assertProblem(client.patch("/api/organizations/" + root, admin, json("parentId", root)), 400);
    assertProblem(client.post("/api/organizations", admin, json("name", "")), 400);
    assertProblem(client.post("/api/organizations", admin, json("parentId", "nope")), 400);
    assertProblem(client.patch("/api/organizations/not-an-id", admin, json("name", "x")), 400);
    Account plain = api.member(tenant, "plain");
    assertProblem(client.get("/api/organizations", api.token(plain)), 403);
    List<JsonObject> all =
        expect(client.get("/api/organizations", admin), 200)
            .jsonArray()
            .getValuesAs(JsonObject.class);
    assertThat(all)
        .filteredOn(o -> o.getString("id").equals(root))
        .extracting(o -> o.get("parentId").toString())
        .containsExactly("null");
  }
}
