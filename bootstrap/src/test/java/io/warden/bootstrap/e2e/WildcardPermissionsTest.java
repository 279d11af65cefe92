package io.warden.bootstrap.e2e;

import static io.warden.bootstrap.e2e.WardenApi.assertProblem;
import static io.warden.bootstrap.e2e.WardenApi.expect;
import static io.warden.bootstrap.e2e.WardenApi.json;
import static io.warden.bootstrap.e2e.WardenApi.strings;
import static org.assertj.core.api.Assertions.assertThat;

import io.warden.bootstrap.e2e.WardenApi.Account;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Wildcard permissions ({@code reports.*}) over HTTP against PostgreSQL and Redis, through every
 * way a permission is read: the check, the batch check, {@code /api/me}, one user's and many users'
 * permissions, explain, and the escalation rule. A revoked wildcard stops granting at once.
 */
class WildcardPermissionsTest extends OneWardenTest {
  private String tenant;
  private String admin;

  @BeforeAll
  void start() {
    for (String name :
        List.of(
            "reports.*", "reports.view", "reports.daily.export", "analytics:*", "reportsx.view")) {
      api.createPermission(name);
    }
    tenant = api.createTenant("wildcards").getString("id");
    admin = api.token(api.member(tenant, "admin", "admin"));
  }

  private record Holder(Account account, String token, String role) {}

  private Holder holder(String... permissions) {
    String role = api.createRole(admin, api.unique("holder"), permissions).getString("id");
    Account account = api.member(tenant, "holder");
    api.assign(admin, role, account.id());
    return new Holder(account, api.token(account), role);
  }

  @Test
  void a_wildcard_grants_every_name_under_its_prefix_defined_or_not_and_nothing_beside() {
    Holder h = holder("reports.*");

    for (int round = 0; round < 2; round++) { // cold, then from the warm caches
      assertThat(api.check(h.token(), "reports.view")).isTrue();
      assertThat(api.check(h.token(), "reports.daily.export")).isTrue();
      assertThat(api.check(h.token(), "reports.not_defined:yet")).isTrue();
      assertThat(api.check(h.token(), "reports.*")).isTrue();
      assertThat(api.check(h.token(), "reports")).isFalse();
      assertThat(api.check(h.token(), "reportsx.view")).isFalse();
      assertThat(api.check(h.token(), "reports:view")).isFalse();
      assertThat(api.check(h.token(), "analytics:read")).isFalse();
    }
  }

  @Test
  void batch_checks_me_and_permission_queries_honour_wildcards() {
    Holder h = holder("analytics:*", "reports.view");

    JsonArray results =
        expect(
                client.post(
                    "/api/authz/check-batch",
                    admin,
                    json(
                        "checks",
                        List.of(
                            Map.of("permission", "analytics:read:org", "userId", h.account().id()),
                            Map.of("permission", "analytics.read", "userId", h.account().id()),
                            Map.of("permission", "reports.view", "userId", h.account().id()),
                            Map.of("permission", "reports.edit", "userId", h.account().id())))),
                200)
            .json()
            .getJsonArray("results");
    assertThat(results.getValuesAs(JsonObject.class).stream().map(r -> r.getBoolean("allowed")))
        .containsExactly(true, false, true, false);

    JsonObject me = expect(client.get("/api/me", h.token()), 200).json();
    assertThat(strings(me.getJsonArray("permissions")))
        .containsExactly("analytics:*", "reports.view");

    JsonObject own =
        expect(client.get("/api/authz/users/" + h.account().id() + "/permissions", admin), 200)
            .json();
    assertThat(strings(own.getJsonArray("permissions")))
        .containsExactly("analytics:*", "reports.view");

    JsonObject batch =
        expect(
                client.post(
                    "/api/authz/permissions/batch",
                    admin,
                    json("userIds", List.of(h.account().id()))),
                200)
            .json()
            .getJsonObject("permissions");
    assertThat(strings(batch.getJsonArray(h.account().id())))
        .containsExactly("analytics:*", "reports.view");
  }

  @Test
  void explain_names_the_role_whose_wildcard_matched() {
    Holder h = holder("reports.*");

    JsonObject explained = api.explain(admin, "reports.daily.export", h.account().id());
    assertThat(explained.getBoolean("allowed")).isTrue();
    assertThat(explained.getJsonArray("grantedBy").getValuesAs(JsonObject.class))
        .extracting(g -> g.getString("roleId"), g -> g.getString("permission"))
        .containsExactly(org.assertj.core.groups.Tuple.tuple(h.role(), "reports.*"));
    assertThat(explained.getJsonArray("grantedBy").getJsonObject(0).getJsonArray("via")).isEmpty();
  }

  @Test
  void a_revoked_wildcard_stops_granting_at_once_from_warm_caches() {
    Holder h = holder("reports.*");
    assertThat(api.check(h.token(), "reports.view")).isTrue();
    assertThat(api.check(h.token(), "reports.view")).isTrue();

    expect(client.delete("/api/roles/" + h.role() + "/permissions/reports.*", admin), 204);

    assertThat(api.check(h.token(), "reports.view")).isFalse();
    assertThat(api.check(h.token(), "reports.*")).isFalse();
  }

  @Test
  void a_held_wildcard_covers_handing_out_what_it_grants_but_a_name_never_covers_a_wildcard() {
    Holder wide = holder("roles.edit", "roles.assign", "roles.view", "reports.*");
    Holder narrow = holder("roles.edit", "roles.assign", "roles.view", "reports.view");

    expect(
        client.post(
            "/api/roles",
            wide.token(),
            json("name", api.unique("sub"), "permissions", List.of("reports.view", "reports.*"))),
        201);
    String detail =
        assertProblem(
                client.post(
                    "/api/roles",
                    narrow.token(),
                    json("name", api.unique("sup"), "permissions", List.of("reports.*"))),
                403)
            .getString("detail");
    assertThat(detail).contains("reports.*").doesNotContain("reports.view");

    String wildcardRole =
        api.createRole(admin, api.unique("all-reports"), "reports.*").getString("id");
    Account colleague = api.member(tenant, "colleague");
    assertProblem(
        client.raw(
            "POST",
            "/api/roles/" + wildcardRole + "/users/" + colleague.id(),
            narrow.token(),
            null,
            null),
        403);
    expect(
        client.raw(
            "POST",
            "/api/roles/" + wildcardRole + "/users/" + colleague.id(),
            wide.token(),
            null,
            null),
        204);
  }
}
