package io.warden.bootstrap.e2e;

import static io.warden.bootstrap.e2e.WardenApi.assertProblem;
import static io.warden.bootstrap.e2e.WardenApi.expect;
import static io.warden.bootstrap.e2e.WardenApi.json;
import static io.warden.bootstrap.e2e.WardenApi.strings;
import static org.assertj.core.api.Assertions.assertThat;

import io.warden.bootstrap.e2e.WardenApi.Account;
import io.warden.bootstrap.testing.Poll;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Composite roles over HTTP on two instances sharing PostgreSQL and Redis: a role grants what the
 * roles it includes grant, transitively; a change to any role reaches every holder through every
 * inclusion path at once on the writer and within the staleness bound on the other instance, from
 * warm caches; cycles and unknown roles are refused; deleting a role detaches it; the escalation
 * rule counts what included roles grant.
 */
class CompositeRolesTest extends TwoWardensTest {
  /** Several staleness bounds (1 s): room for a loaded machine, far below the cache TTL. */
  private static final Duration PROPAGATION_DEADLINE = Duration.ofSeconds(5);

  private static final List<String> EDITOR =
      List.of("authz.check", "roles.assign", "roles.edit", "roles.view", "users.view");

  private WardenApi otherApi;
  private String tenant;
  private String admin;

  @BeforeAll
  void start() {
    otherApi = new WardenApi(other.client());
    tenant = api.createTenant("composite").getString("id");
    admin = api.token(api.member(tenant, "admin", "admin"));
  }

  private String role(String name, List<String> permissions, String... includes) {
    return expect(
            client.post(
                "/api/roles",
                admin,
                json(
                    "name",
                    api.unique(name),
                    "permissions",
                    permissions,
                    "includes",
                    List.of(includes))),
            201)
        .json()
        .getString("id");
  }

  private JsonObject get(String roleId) {
    return expect(client.get("/api/roles/" + roleId, admin), 200).json();
  }

  private record Holder(String name, Account account, String token) {}

  private Holder holder(String name, String roleId) {
    Account account = api.member(tenant, name);
    api.assign(admin, roleId, account.id());
    return new Holder(name, account, api.token(account));
  }

  /** Both instances answer {@code expected} for every holder, each asked twice (so from L1). */
  private void warmAndExpect(String permission, boolean expected, Holder... holders) {
    for (Holder h : holders) {
      for (int i = 0; i < 2; i++) {
        assertThat(api.check(h.token(), permission)).as("writer, %s", h.name()).isEqualTo(expected);
        assertThat(otherApi.check(h.token(), permission))
            .as("other instance, %s", h.name())
            .isEqualTo(expected);
      }
    }
  }

  /** The writer answers {@code expected} at once; the other instance within the deadline. */
  private void afterChange(String permission, boolean expected, Holder... holders) {
    for (Holder h : holders) {
      assertThat(api.check(h.token(), permission)).as("writer, %s", h.name()).isEqualTo(expected);
    }
    long end = System.nanoTime() + PROPAGATION_DEADLINE.toNanos();
    for (Holder h : holders) {
      while (otherApi.check(h.token(), permission) != expected) {
        assertThat(System.nanoTime())
            .as("other instance still answers %s for %s", !expected, h.name())
            .isLessThan(end);
        Poll.pause(10);
      }
    }
  }

  @Test
  void a_change_to_an_included_role_reaches_every_holder_through_every_path_on_both_instances() {
    api.createPermission("diamond.read");
    api.createPermission("diamond.write");
    String leaf = role("leaf", List.of("diamond.read"));
    String left = role("left", List.of(), leaf);
    String right = role("right", List.of(), leaf);
    String top = role("top", List.of(), left, right);
    Holder ofTop = holder("top", top);
    Holder ofLeft = holder("left", left);
    Holder ofRight = holder("right", right);
    Holder ofLeaf = holder("leaf", leaf);
    assertThat(strings(get(top).getJsonArray("includes"))).containsExactlyInAnyOrder(left, right);
    assertThat(strings(get(top).getJsonArray("permissions"))).isEmpty();

    warmAndExpect("diamond.write", false, ofTop, ofLeft, ofRight, ofLeaf);
    expect(api.postEmpty("/api/roles/" + leaf + "/permissions/diamond.write", admin), 204);
    afterChange("diamond.write", true, ofTop, ofLeft, ofRight, ofLeaf);

    warmAndExpect("diamond.read", true, ofTop, ofLeft, ofRight, ofLeaf);
    expect(client.delete("/api/roles/" + leaf + "/permissions/diamond.read", admin), 204);
    afterChange("diamond.read", false, ofTop, ofLeft, ofRight, ofLeaf);

    // Detach one path: the holder of the role that lost it loses; the other path still grants.
    warmAndExpect("diamond.write", true, ofTop, ofLeft);
    expect(client.put("/api/roles/" + left, admin, json("includes", List.of())), 200);
    afterChange("diamond.write", false, ofLeft);
    afterChange("diamond.write", true, ofTop, ofRight);

    // Deleting the included role detaches it from every role that included it.
    warmAndExpect("diamond.write", true, ofTop, ofRight);
    expect(client.delete("/api/roles/" + leaf, admin), 204);
    afterChange("diamond.write", false, ofTop, ofRight);
    assertThat(strings(get(right).getJsonArray("includes"))).isEmpty();
    assertThat(strings(get(top).getJsonArray("includes"))).containsExactlyInAnyOrder(left, right);
  }

  @Test
  void a_new_inclusion_grants_at_once_and_me_lists_the_inherited_permissions() {
    api.createPermission("later.read");
    String base = role("base", List.of("later.read"));
    String grows = role("grows", List.of());
    Holder h = holder("grows", grows);
    warmAndExpect("later.read", false, h);

    expect(client.put("/api/roles/" + grows, admin, json("includes", List.of(base))), 200);

    afterChange("later.read", true, h);
    JsonObject me = expect(client.get("/api/me", h.token()), 200).json();
    assertThat(strings(me.getJsonArray("permissions"))).containsExactly("later.read");
  }

  @Test
  void cycles_unknown_roles_and_malformed_ids_are_400_and_change_nothing() {
    String a = role("a", List.of());
    String b = role("b", List.of(), a);
    String c = role("c", List.of(), b);
    String foreignTenant = api.createTenant("foreign").getString("id");
    String foreignAdmin = api.token(api.member(foreignTenant, "fadmin", "admin"));
    String foreign =
        expect(
                client.post(
                    "/api/roles", foreignAdmin, json("name", "foreign", "permissions", List.of())),
                201)
            .json()
            .getString("id");

    for (List<String> includes :
        List.of(List.of(a), List.of(b), List.of(c), List.of(c, UUID.randomUUID().toString()))) {
      JsonObject problem =
          assertProblem(client.put("/api/roles/" + a, admin, json("includes", includes)), 400);
      assertThat(problem.toString()).contains("includes");
    }
    assertProblem(
        client.post(
            "/api/roles",
            admin,
            json("name", api.unique("x"), "permissions", List.of(), "includes", List.of(foreign))),
        400);
    assertProblem(
        client.post(
            "/api/roles",
            admin,
            json("name", api.unique("x"), "permissions", List.of(), "includes", List.of("nope"))),
        400);
    assertProblem(
        client.post(
            "/api/roles",
            admin,
            json("name", api.unique("x"), "permissions", List.of(), "includes", "not-a-list")),
        400);

    assertThat(strings(get(a).getJsonArray("includes"))).isEmpty();
    assertThat(strings(get(c).getJsonArray("includes"))).containsExactly(b);
  }

  @Test
  void the_escalation_rule_counts_what_included_roles_grant() {
    String managers = role("managers", List.of("users.manage"));
    String viaManagers = role("via-managers", List.of("users.view"), managers);
    String editorRole = role("editor", EDITOR);
    Holder editor = holder("editor", editorRole);
    Account colleague = api.member(tenant, "colleague");

    String refusal =
        assertProblem(
                client.post(
                    "/api/roles",
                    editor.token(),
                    json(
                        "name",
                        api.unique("sneaky"),
                        "permissions",
                        List.of("users.view"),
                        "includes",
                        List.of(viaManagers))),
                403)
            .getString("detail");
    assertThat(refusal).contains("users.manage").endsWith("(or hold roles.escalate)");

    refusal =
        assertProblem(
                client.put(
                    "/api/roles/" + editorRole,
                    editor.token(),
                    json("includes", List.of(viaManagers))),
                403)
            .getString("detail");
    assertThat(refusal).contains("users.manage");

    refusal =
        assertProblem(
                client.raw(
                    "POST",
                    "/api/roles/" + viaManagers + "/users/" + colleague.id(),
                    editor.token(),
                    null,
                    null),
                403)
            .getString("detail");
    assertThat(refusal).contains("users.manage").endsWith("(or hold roles.bind)");
    assertThat(strings(get(editorRole).getJsonArray("includes"))).isEmpty();
    assertThat(api.check(admin, "users.manage", colleague.id())).isFalse();

    String harmless = role("harmless", List.of("users.view"));
    expect(
        client.post(
            "/api/roles",
            editor.token(),
            json(
                "name",
                api.unique("fine"),
                "permissions",
                List.of(),
                "includes",
                List.of(harmless))),
        201);

    String binder = role("binder", List.of("roles.assign", "roles.bind"));
    Holder withBind = holder("binder", binder);
    expect(
        client.raw(
            "POST",
            "/api/roles/" + viaManagers + "/users/" + colleague.id(),
            withBind.token(),
            null,
            null),
        204);
    assertThat(api.check(admin, "users.manage", colleague.id())).isTrue();
  }

  @Test
  void explain_names_the_inclusion_path_and_the_grant_that_matched() {
    api.createPermission("explained.*");
    api.createPermission("explained.read");
    String leaf = role("x-leaf", List.of("explained.*"));
    String middle = role("x-middle", List.of(), leaf);
    String top = role("x-top", List.of("explained.read"), middle);
    Holder h = holder("explained", top);

    JsonObject explained = api.explain(admin, "explained.read", h.account().id());

    assertThat(explained.getBoolean("allowed")).isTrue();
    List<JsonObject> grants = explained.getJsonArray("grantedBy").getValuesAs(JsonObject.class);
    assertThat(grants)
        .extracting(
            g -> g.getString("roleId"),
            g -> strings(g.getJsonArray("via")),
            g -> g.getString("permission"))
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(top, List.of(), "explained.read"),
            org.assertj.core.groups.Tuple.tuple(leaf, List.of(top, middle), "explained.*"));
    JsonObject own = api.explain(h.token(), "explained.write", null);
    assertThat(own.getBoolean("allowed")).isTrue();
    assertThat(own.getJsonArray("grantedBy").getValuesAs(JsonObject.class))
        .extracting(g -> g.getString("roleId"))
        .containsExactly(leaf);
  }

  @Test
  void a_role_answer_always_carries_its_includes() {
    String plain = role("plain", List.of());
    assertThat(get(plain).getJsonArray("includes")).isEmpty();
    assertThat(
            expect(client.get("/api/roles", admin), 200).jsonArray().getValuesAs(JsonObject.class))
        .allSatisfy(r -> assertThat(r.containsKey("includes")).isTrue());
  }
}
