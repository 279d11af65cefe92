package io.warden.bootstrap.e2e;

import static io.warden.bootstrap.e2e.WardenApi.BUILT_IN_PERMISSIONS;
import static io.warden.bootstrap.e2e.WardenApi.assertProblem;
import static io.warden.bootstrap.e2e.WardenApi.claims;
import static io.warden.bootstrap.e2e.WardenApi.expect;
import static io.warden.bootstrap.e2e.WardenApi.field;
import static io.warden.bootstrap.e2e.WardenApi.header;
import static io.warden.bootstrap.e2e.WardenApi.json;
import static io.warden.bootstrap.e2e.WardenApi.strings;
import static org.assertj.core.api.Assertions.assertThat;

import io.warden.bootstrap.e2e.WardenApi.Account;
import io.warden.bootstrap.testing.WardenClient.Response;
import io.warden.bootstrap.testing.WardenInstance;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The walk of a new tenant and its users through the whole API, against one real started instance:
 * each test builds its own tenants and users, so none depends on another's leftovers.
 */
class FullFlowTest extends OneWardenTest {
  @Test
  void a_new_tenant_is_set_up_and_a_permission_is_granted_assigned_revoked_and_unassigned() {
    // The system administrator belongs to no tenant: a tenant-less token.
    JsonObject adminLogin =
        expect(client.login(WardenInstance.ADMIN_EMAIL, WardenInstance.ADMIN_PASSWORD), 200).json();
    assertThat(adminLogin.getString("tokenType")).isEqualTo("Bearer");
    assertThat(adminLogin.isNull("tenant")).isTrue();
    assertThat(adminLogin.getJsonArray("tenants")).isEmpty();
    assertThat(claims(adminLogin.getString("accessToken"))).doesNotContainKey("tid");

    // The tenant: 201, the Tenant shape, and the built-in admin role holding every built-in.
    String slug = api.unique("acme");
    Response created =
        expect(
            client.post("/api/admin/tenants", api.adminToken(), json("slug", slug, "name", "Acme")),
            201);
    JsonObject tenant = created.json();
    assertThat(tenant.keySet()).containsExactlyInAnyOrder("id", "slug", "name");
    assertThat(UUID.fromString(tenant.getString("id"))).isNotNull();
    assertThat(tenant.getString("slug")).isEqualTo(slug);
    assertThat(tenant.getString("name")).isEqualTo("Acme");
    String tenantId = tenant.getString("id");
    JsonArray roles = expect(client.get("/api/roles", api.adminIn(tenantId)), 200).jsonArray();
    assertThat(roles).hasSize(1);
    JsonObject adminRole = roles.getJsonObject(0);
    assertThat(adminRole.keySet())
        .containsExactlyInAnyOrder(
            "id", "name", "description", "system", "permissions", "includes");
    assertThat(adminRole.getString("name")).isEqualTo("admin");
    assertThat(adminRole.getBoolean("system")).isTrue();
    assertThat(strings(adminRole.getJsonArray("permissions")))
        .containsExactlyElementsOf(BUILT_IN_PERMISSIONS);

    // A user: 201 and the User shape, nothing more (no hash, no flags).
    String aliceEmail = api.unique("alice") + "@e2e.test";
    JsonObject alice = api.createUser(aliceEmail, "Alice");
    assertThat(alice.keySet()).containsExactlyInAnyOrder("id", "email", "displayName");
    assertThat(alice.getString("email")).isEqualTo(aliceEmail);
    assertThat(alice.getString("displayName")).isEqualTo("Alice");
    String aliceId = alice.getString("id");

    // Her membership, with the admin role, through the system administration route.
    JsonObject member =
        expect(
                client.post(
                    "/api/admin/tenants/" + tenantId + "/members",
                    api.adminToken(),
                    json("userId", aliceId, "roles", List.of("admin"))),
                201)
            .json();
    assertThat(member.keySet())
        .containsExactlyInAnyOrder("userId", "email", "displayName", "active", "roles");
    assertThat(member.getString("userId")).isEqualTo(aliceId);
    assertThat(member.getBoolean("active")).isTrue();
    assertThat(field(member.getJsonArray("roles"), "id"))
        .containsExactly(adminRole.getString("id"));
    assertThat(field(member.getJsonArray("roles"), "name")).containsExactly("admin");

    // Exactly one tenant: it is selected at login.
    JsonObject aliceLogin = expect(client.login(aliceEmail, WardenApi.PASSWORD), 200).json();
    assertThat(aliceLogin.keySet())
        .containsExactlyInAnyOrder(
            "accessToken", "tokenType", "expiresIn", "refreshToken", "user", "tenants", "tenant");
    assertThat(aliceLogin.getJsonObject("user")).isEqualTo(alice);
    assertThat(aliceLogin.getJsonArray("tenants")).containsExactly(tenant);
    assertThat(aliceLogin.getJsonObject("tenant")).isEqualTo(tenant);
    assertThat(aliceLogin.getJsonNumber("expiresIn").longValue()).isPositive();
    String aliceToken = aliceLogin.getString("accessToken");
    assertThat(claims(aliceToken).getString("tid")).isEqualTo(tenantId);
    assertThat(claims(aliceToken).getString("sub")).isEqualTo(aliceId);

    // Bob joins with no role; a new permission is not his.
    Account bob = api.member(tenantId, "bob");
    String bobToken = api.token(bob);
    api.createPermission("documents.read");
    assertThat(api.check(bobToken, "documents.read")).isFalse();
    assertProblem(
        client.post(
            "/api/authz/check", bobToken, json("permission", "roles.view", "userId", aliceId)),
        403);

    // A role holding it, assigned to him: allowed.
    JsonObject reader =
        expect(
                client.post(
                    "/api/roles",
                    aliceToken,
                    json(
                        "name",
                        "reader",
                        "description",
                        "Reads documents",
                        "permissions",
                        List.of("documents.read"))),
                201)
            .json();
    assertThat(reader.keySet())
        .containsExactlyInAnyOrder(
            "id", "name", "description", "system", "permissions", "includes");
    assertThat(reader.getString("name")).isEqualTo("reader");
    assertThat(reader.getString("description")).isEqualTo("Reads documents");
    assertThat(reader.getBoolean("system")).isFalse();
    assertThat(strings(reader.getJsonArray("permissions"))).containsExactly("documents.read");
    String readerId = reader.getString("id");
    api.assign(aliceToken, readerId, bob.id());
    assertThat(api.check(bobToken, "documents.read")).isTrue();
    assertThat(api.check(aliceToken, "documents.read", bob.id())).isTrue();

    // Revoked from the role (twice: idempotent): no longer allowed, at once.
    String permissionPath = "/api/roles/" + readerId + "/permissions/documents.read";
    expect(client.delete(permissionPath, aliceToken), 204);
    expect(client.delete(permissionPath, aliceToken), 204);
    assertThat(api.check(bobToken, "documents.read")).isFalse();

    // Granted again, then the role taken from him.
    expect(api.postEmpty(permissionPath, aliceToken), 204);
    assertThat(api.check(bobToken, "documents.read")).isTrue();
    expect(client.delete("/api/roles/" + readerId + "/users/" + bob.id(), aliceToken), 204);
    assertThat(api.check(bobToken, "documents.read")).isFalse();
    assertThat(api.check(aliceToken, "documents.read", bob.id())).isFalse();
  }

  @Test
  void a_user_of_two_tenants_logs_in_without_a_tenant_and_then_selects_one() {
    String first = api.createTenant("first").getString("id");
    JsonObject secondTenant = api.createTenant("second");
    String second = secondTenant.getString("id");
    String foreign = api.createTenant("foreign").getString("id");
    Account carol = api.createUser("carol");
    api.addMember(first, carol);
    api.addMember(second, carol);

    JsonObject login = api.login(carol);
    assertThat(login.isNull("tenant")).isTrue();
    assertThat(field(login.getJsonArray("tenants"), "id")).containsExactlyInAnyOrder(first, second);
    String tenantless = login.getString("accessToken");
    assertThat(claims(tenantless)).doesNotContainKey("tid");
    assertProblem(client.get("/api/me", tenantless), 403);
    assertThat(field(expect(client.get("/api/auth/tenants", tenantless), 200).jsonArray(), "id"))
        .containsExactlyInAnyOrder(first, second);

    JsonObject selected =
        expect(client.post("/api/auth/select-tenant", tenantless, json("tenantId", second)), 200)
            .json();
    assertThat(selected.keySet())
        .containsExactlyInAnyOrder(
            "accessToken", "tokenType", "expiresIn", "refreshToken", "tenant");
    assertThat(selected.getString("tokenType")).isEqualTo("Bearer");
    assertThat(selected.getJsonObject("tenant")).isEqualTo(secondTenant);
    String scoped = selected.getString("accessToken");
    assertThat(claims(scoped).getString("tid")).isEqualTo(second);
    JsonObject me = expect(client.get("/api/me", scoped), 200).json();
    assertThat(me.getJsonObject("tenant")).isEqualTo(secondTenant);

    // Not a member: refused, and the same for a tenant that does not exist.
    assertProblem(
        client.post("/api/auth/select-tenant", tenantless, json("tenantId", foreign)), 403);
    assertProblem(
        client.post(
            "/api/auth/select-tenant", tenantless, json("tenantId", UUID.randomUUID().toString())),
        403);

    // A refresh keeps the tenant of the token it refreshes.
    JsonObject refreshed = expect(api.refresh(selected.getString("refreshToken")), 200).json();
    assertThat(refreshed.getJsonObject("tenant")).isEqualTo(secondTenant);
    assertThat(claims(refreshed.getString("accessToken")).getString("tid")).isEqualTo(second);
  }

  @Test
  void a_batch_check_answers_every_item_in_request_order_and_an_unreadable_item_alone_fails() {
    Tenant t = tenantWithAdmin();
    api.createPermission("files.read");
    Account bob = api.member(t.id(), "bob");
    String reader = api.createRole(t.adminToken(), "files-reader", "files.read").getString("id");
    api.assign(t.adminToken(), reader, bob.id());

    JsonArray checks =
        jsonArray(
            json("permission", "files.read", "userId", bob.id()),
            json("permission", "roles.edit", "userId", bob.id()),
            json("permission", "Not A Permission"),
            json("permission", "files.read", "userId", "not-a-uuid"),
            "42",
            json("userId", bob.id()),
            json("permission", "roles.edit"),
            json("permission", "no.such.permission"));
    JsonArray results =
        expect(client.post("/api/authz/check-batch", t.adminToken(), json("checks", checks)), 200)
            .json()
            .getJsonArray("results");

    assertThat(results).hasSize(8);
    assertItem(results, 0, "files.read", bob.id(), true, false);
    assertItem(results, 1, "roles.edit", bob.id(), false, false);
    assertItem(results, 2, "Not A Permission", t.admin().id(), false, true);
    assertItem(results, 3, "files.read", null, false, true);
    assertItem(results, 4, null, null, false, true);
    assertItem(results, 5, null, bob.id(), false, true);
    assertItem(results, 6, "roles.edit", t.admin().id(), true, false);
    // A permission nobody defined is simply not held: no error.
    assertItem(results, 7, "no.such.permission", t.admin().id(), false, false);

    // Without authz.check, the items about someone else fail alone; one's own are answered.
    JsonArray bobs =
        expect(
                client.post(
                    "/api/authz/check-batch",
                    api.token(bob),
                    json(
                        "checks",
                        jsonArray(
                            json("permission", "files.read", "userId", t.admin().id()),
                            json("permission", "files.read")))),
                200)
            .json()
            .getJsonArray("results");
    assertItem(bobs, 0, "files.read", t.admin().id(), false, true);
    assertItem(bobs, 1, "files.read", bob.id(), true, false);
  }

  @Test
  void me_shows_the_user_the_tenant_the_roles_and_the_sorted_permissions() {
    Tenant t = tenantWithAdmin();
    api.createPermission("zeta.write");
    api.createPermission("alpha.read");
    Account bob = api.member(t.id(), "bob");
    String writer =
        api.createRole(t.adminToken(), "writer", "zeta.write", "users.view", "alpha.read")
            .getString("id");
    String viewer = api.createRole(t.adminToken(), "viewer", "roles.view").getString("id");
    api.assign(t.adminToken(), writer, bob.id());
    api.assign(t.adminToken(), viewer, bob.id());

    JsonObject me = expect(client.get("/api/me", api.token(bob)), 200).json();
    assertThat(me.keySet())
        .containsExactlyInAnyOrder(
            "user", "tenant", "roles", "permissions", "organizations", "accessibleOrganizationIds");
    JsonObject user = me.getJsonObject("user");
    assertThat(user.keySet()).containsExactlyInAnyOrder("id", "email", "displayName");
    assertThat(user.getString("id")).isEqualTo(bob.id());
    assertThat(user.getString("email")).isEqualTo(bob.email());
    assertThat(me.getJsonObject("tenant")).isEqualTo(t.tenant());
    JsonArray roles = me.getJsonArray("roles");
    roles.forEach(role -> assertThat(role.asJsonObject().keySet()).containsOnly("id", "name"));
    assertThat(field(roles, "id")).containsExactlyInAnyOrder(writer, viewer);
    assertThat(field(roles, "name")).containsExactlyInAnyOrder("writer", "viewer");
    assertThat(strings(me.getJsonArray("permissions")))
        .containsExactly("alpha.read", "roles.view", "users.view", "zeta.write");
  }

  @Test
  void explain_names_every_role_that_grants_the_permission_and_none_when_it_is_not_held() {
    Tenant t = tenantWithAdmin();
    api.createPermission("reports.read");
    Account bob = api.member(t.id(), "bob");
    String first = api.createRole(t.adminToken(), "first", "reports.read").getString("id");
    String second =
        api.createRole(t.adminToken(), "second", "reports.read", "roles.view").getString("id");
    String unrelated = api.createRole(t.adminToken(), "unrelated", "users.view").getString("id");
    api.assign(t.adminToken(), first, bob.id());
    api.assign(t.adminToken(), second, bob.id());
    api.assign(t.adminToken(), unrelated, bob.id());

    JsonObject granted = api.explain(t.adminToken(), "reports.read", bob.id());
    assertThat(granted.keySet())
        .containsExactlyInAnyOrder(
            "allowed", "permission", "userId", "grantedBy", "servedBy", "computedAt");
    assertThat(granted.getBoolean("allowed")).isTrue();
    assertThat(granted.getString("permission")).isEqualTo("reports.read");
    assertThat(granted.getString("userId")).isEqualTo(bob.id());
    JsonArray grantedBy = granted.getJsonArray("grantedBy");
    assertThat(field(grantedBy, "roleId")).containsExactlyInAnyOrder(first, second);
    assertThat(field(grantedBy, "roleName")).containsExactlyInAnyOrder("first", "second");

    JsonObject denied = api.explain(t.adminToken(), "roles.edit", bob.id());
    assertThat(denied.getBoolean("allowed")).isFalse();
    assertThat(denied.getJsonArray("grantedBy")).isEmpty();

    // One's own, without authz.check and without naming oneself.
    JsonObject own = api.explain(api.token(bob), "roles.view", null);
    assertThat(own.getBoolean("allowed")).isTrue();
    assertThat(own.getString("userId")).isEqualTo(bob.id());
    assertThat(field(own.getJsonArray("grantedBy"), "roleId")).containsExactly(second);
  }

  @Test
  void permissions_of_users_are_sorted_and_users_outside_the_tenant_map_to_nothing() {
    Tenant t = tenantWithAdmin();
    api.createPermission("b.write");
    api.createPermission("a.read");
    Account bob = api.member(t.id(), "bob");
    String role = api.createRole(t.adminToken(), "ab", "b.write", "a.read").getString("id");
    api.assign(t.adminToken(), role, bob.id());
    Tenant other = tenantWithAdmin();
    String stranger = UUID.randomUUID().toString();

    JsonObject batch =
        expect(
                client.post(
                    "/api/authz/permissions/batch",
                    t.adminToken(),
                    json(
                        "userIds",
                        List.of(bob.id(), t.admin().id(), other.admin().id(), stranger))),
                200)
            .json()
            .getJsonObject("permissions");
    assertThat(batch.keySet())
        .containsExactlyInAnyOrder(bob.id(), t.admin().id(), other.admin().id(), stranger);
    assertThat(strings(batch.getJsonArray(bob.id()))).containsExactly("a.read", "b.write");
    assertThat(strings(batch.getJsonArray(t.admin().id())))
        .containsExactlyElementsOf(BUILT_IN_PERMISSIONS);
    assertThat(batch.getJsonArray(other.admin().id())).isEmpty();
    assertThat(batch.getJsonArray(stranger)).isEmpty();

    // One user at a time, and oneself without users.view.
    JsonObject single =
        expect(client.get("/api/authz/users/" + bob.id() + "/permissions", t.adminToken()), 200)
            .json();
    assertThat(single.getString("userId")).isEqualTo(bob.id());
    assertThat(strings(single.getJsonArray("permissions"))).containsExactly("a.read", "b.write");
    String bobToken = api.token(bob);
    assertThat(
            strings(
                expect(client.get("/api/authz/users/" + bob.id() + "/permissions", bobToken), 200)
                    .json()
                    .getJsonArray("permissions")))
        .containsExactly("a.read", "b.write");
    assertProblem(client.get("/api/authz/users/" + t.admin().id() + "/permissions", bobToken), 403);
  }

  @Test
  void members_page_through_with_limit_and_cursor_until_the_cursor_is_null() {
    Tenant t = tenantWithAdmin();
    Set<String> expected = new HashSet<>(Set.of(t.admin().id()));
    for (int i = 0; i < 4; i++) {
      expected.add(api.member(t.id(), "member").id());
    }

    List<String> seen = new ArrayList<>();
    List<Integer> sizes = new ArrayList<>();
    String cursor = null;
    do {
      String path = "/api/members?limit=2" + (cursor == null ? "" : "&cursor=" + cursor);
      JsonObject page = expect(client.get(path, t.adminToken()), 200).json();
      assertThat(page.keySet()).containsExactlyInAnyOrder("items", "nextCursor");
      JsonArray items = page.getJsonArray("items");
      for (JsonValue item : items) {
        assertThat(item.asJsonObject().keySet())
            .containsExactlyInAnyOrder("userId", "email", "displayName", "active", "roles");
      }
      sizes.add(items.size());
      seen.addAll(field(items, "userId"));
      cursor = page.isNull("nextCursor") ? null : page.getString("nextCursor");
    } while (cursor != null && sizes.size() < 10);

    assertThat(sizes).containsExactly(2, 2, 1);
    assertThat(seen).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expected);

    JsonObject all = expect(client.get("/api/members", t.adminToken()), 200).json();
    assertThat(all.isNull("nextCursor")).isTrue();
    assertThat(field(all.getJsonArray("items"), "userId"))
        .containsExactlyInAnyOrderElementsOf(expected);
    JsonObject adminItem =
        all.getJsonArray("items").stream()
            .map(JsonValue::asJsonObject)
            .filter(item -> item.getString("userId").equals(t.admin().id()))
            .findFirst()
            .orElseThrow();
    assertThat(field(adminItem.getJsonArray("roles"), "name")).containsExactly("admin");
  }

  @Test
  void a_refresh_rotates_and_a_reused_refresh_token_ends_its_whole_family_but_no_other_login() {
    Tenant t = tenantWithAdmin();
    Account dave = api.member(t.id(), "dave");
    JsonObject login = api.login(dave);
    String firstRefresh = login.getString("refreshToken");
    JsonObject otherLogin = api.login(dave);

    JsonObject rotated = expect(api.refresh(firstRefresh), 200).json();
    String secondRefresh = rotated.getString("refreshToken");
    String secondAccess = rotated.getString("accessToken");
    assertThat(secondRefresh).isNotEqualTo(firstRefresh);
    assertThat(secondAccess).isNotEqualTo(login.getString("accessToken"));
    assertThat(rotated.getJsonObject("tenant")).isEqualTo(t.tenant());
    expect(client.get("/api/me", secondAccess), 200);

    // The spent token comes back: refused, and every token of that login with it.
    assertProblem(api.refresh(firstRefresh), 401);
    assertProblem(api.refresh(secondRefresh), 401);
    assertProblem(client.get("/api/me", secondAccess), 401);
    assertProblem(client.get("/api/me", login.getString("accessToken")), 401);

    // Another login of the same user is another family.
    expect(client.get("/api/me", otherLogin.getString("accessToken")), 200);
    expect(api.refresh(otherLogin.getString("refreshToken")), 200);
  }

  @Test
  void logout_ends_that_token_and_its_refresh_token_at_once_and_nothing_else() {
    Tenant t = tenantWithAdmin();
    Account erin = api.member(t.id(), "erin");
    JsonObject first = api.login(erin);
    JsonObject second = api.login(erin);
    String access = first.getString("accessToken");
    expect(client.get("/api/me", access), 200);

    expect(api.postEmpty("/api/auth/logout", access), 204);

    Response refused = client.get("/api/me", access);
    assertProblem(refused, 401);
    assertThat(refused.header("WWW-Authenticate")).hasValueSatisfying(v -> v.startsWith("Bearer"));
    assertProblem(api.refresh(first.getString("refreshToken")), 401);
    expect(client.get("/api/me", second.getString("accessToken")), 200);
  }

  @Test
  void logout_all_ends_every_token_of_the_user_and_a_new_login_works() {
    Tenant t = tenantWithAdmin();
    Account frank = api.member(t.id(), "frank");
    JsonObject first = api.login(frank);
    JsonObject second = api.login(frank);
    JsonObject bystander = api.login(t.admin());

    expect(api.postEmpty("/api/auth/logout-all", first.getString("accessToken")), 204);

    assertProblem(client.get("/api/me", first.getString("accessToken")), 401);
    assertProblem(client.get("/api/me", second.getString("accessToken")), 401);
    assertProblem(api.refresh(second.getString("refreshToken")), 401);
    expect(client.get("/api/me", bystander.getString("accessToken")), 200);
    expect(client.get("/api/me", api.token(frank)), 200);
  }

  @Test
  void a_new_password_ends_every_old_token_and_only_the_new_password_logs_in() {
    Tenant t = tenantWithAdmin();
    Account grace = api.member(t.id(), "grace");
    JsonObject before = api.login(grace);
    String newPassword = "a-brand-new-password";

    JsonObject updated =
        expect(
                client.patch(
                    "/api/admin/users/" + grace.id(),
                    api.adminToken(),
                    json("password", newPassword)),
                200)
            .json();
    assertThat(updated.keySet()).containsExactlyInAnyOrder("id", "email", "displayName");
    assertThat(updated.getString("id")).isEqualTo(grace.id());

    assertProblem(client.get("/api/me", before.getString("accessToken")), 401);
    assertProblem(api.refresh(before.getString("refreshToken")), 401);
    assertProblem(client.login(grace.email(), grace.password()), 401);
    String fresh = api.token(new Account(grace.id(), grace.email(), newPassword));
    expect(client.get("/api/me", fresh), 200);
  }

  @Test
  void a_deactivated_user_is_refused_at_once_with_the_answer_of_a_wrong_password() {
    Tenant t = tenantWithAdmin();
    Account henry = api.member(t.id(), "henry");
    String token = api.token(henry);
    JsonObject wrongPassword = assertProblem(client.login(henry.email(), "not-his-password"), 401);

    expect(
        client.patch("/api/admin/users/" + henry.id(), api.adminToken(), json("active", false)),
        200);

    assertProblem(client.get("/api/me", token), 401);
    JsonObject refusedLogin = assertProblem(client.login(henry.email(), henry.password()), 401);
    assertThat(refusedLogin).isEqualTo(wrongPassword);

    // Reactivated: he logs in again, but the token ended by the deactivation stays ended.
    expect(
        client.patch("/api/admin/users/" + henry.id(), api.adminToken(), json("active", true)),
        200);
    expect(client.get("/api/me", api.token(henry)), 200);
    assertProblem(client.get("/api/me", token), 401);
  }

  @Test
  void a_deactivated_tenant_ends_its_tokens_and_can_no_longer_be_selected() {
    JsonObject kept = api.createTenant("kept");
    JsonObject closing = api.createTenant("closing");
    String keptId = kept.getString("id");
    String closingId = closing.getString("id");
    Account ivy = api.createUser("ivy");
    api.addMember(keptId, ivy, "admin");
    api.addMember(closingId, ivy, "admin");
    JsonObject login = api.login(ivy);
    String tenantless = login.getString("accessToken");
    String inClosing = client.select(tenantless, closingId);
    String inKept = client.select(tenantless, keptId);
    String adminInClosing = api.adminIn(closingId);
    String closingRefresh =
        expect(client.post("/api/auth/select-tenant", tenantless, json("tenantId", closingId)), 200)
            .json()
            .getString("refreshToken");
    expect(client.get("/api/roles", inClosing), 200);

    JsonObject patched =
        expect(
                client.patch(
                    "/api/admin/tenants/" + closingId, api.adminToken(), json("active", false)),
                200)
            .json();
    assertThat(patched.getString("id")).isEqualTo(closingId);
    assertThat(patched.getBoolean("active")).isFalse();

    assertRefused(client.get("/api/me", inClosing));
    assertRefused(client.get("/api/roles", inClosing));
    assertRefused(client.get("/api/roles", adminInClosing));
    assertThat(api.refresh(closingRefresh).status()).isIn(401, 403);
    assertProblem(
        client.post("/api/auth/select-tenant", tenantless, json("tenantId", closingId)), 403);
    assertProblem(
        client.post("/api/auth/select-tenant", api.adminToken(), json("tenantId", closingId)), 403);

    // The other tenant is untouched; the closed one is no longer listed, so login picks the other.
    expect(client.get("/api/roles", inKept), 200);
    assertThat(field(expect(client.get("/api/auth/tenants", tenantless), 200).jsonArray(), "id"))
        .containsExactly(keptId);
    assertThat(api.login(ivy).getJsonObject("tenant")).isEqualTo(kept);
  }

  @Test
  void a_deleted_permission_disappears_from_every_role_in_every_tenant() {
    Tenant first = tenantWithAdmin();
    Tenant second = tenantWithAdmin();
    JsonObject definition =
        expect(
                client.post(
                    "/api/admin/permissions",
                    api.adminToken(),
                    json("name", "reports.export", "description", "Export reports")),
                201)
            .json();
    assertThat(definition.getString("name")).isEqualTo("reports.export");
    assertThat(definition.getString("description")).isEqualTo("Export reports");
    assertThat(permissionNames()).contains("reports.export");

    Account kim = api.member(first.id(), "kim");
    String inFirst =
        api.createRole(first.adminToken(), "exporter", "reports.export", "users.view")
            .getString("id");
    String inSecond =
        api.createRole(second.adminToken(), "exporter", "reports.export").getString("id");
    api.assign(first.adminToken(), inFirst, kim.id());
    String kimToken = api.token(kim);
    assertThat(api.check(kimToken, "reports.export")).isTrue();

    expect(client.delete("/api/admin/permissions/reports.export", api.adminToken()), 204);

    assertThat(permissionNames()).doesNotContain("reports.export");
    assertThat(rolePermissions(first.adminToken(), inFirst)).containsExactly("users.view");
    assertThat(rolePermissions(second.adminToken(), inSecond)).isEmpty();
    assertThat(api.check(kimToken, "reports.export")).isFalse();
    assertThat(api.check(kimToken, "users.view")).isTrue();
    assertProblem(client.delete("/api/admin/permissions/reports.export", api.adminToken()), 404);

    // Defined again, it is a new permission: no role got it back.
    api.createPermission("reports.export");
    assertThat(rolePermissions(first.adminToken(), inFirst)).containsExactly("users.view");
    assertThat(api.check(kimToken, "reports.export")).isFalse();
  }

  @Test
  void roles_are_replaced_and_deleted_and_members_invited_by_email_and_removed() {
    Tenant t = tenantWithAdmin();
    api.createPermission("notes.read");
    api.createPermission("notes.write");
    Account lea = api.createUser("lea");

    // Invited by e-mail, as a tenant administrator does it; she accepts under her own login.
    String invitation =
        expect(client.post("/api/members", t.adminToken(), json("email", lea.email())), 202)
            .json()
            .getString("invitationId");
    expect(api.postEmpty("/api/auth/invitations/" + invitation + "/accept", api.token(lea)), 204);

    String roleId = api.createRole(t.adminToken(), "notes", "notes.read").getString("id");
    api.assign(t.adminToken(), roleId, lea.id());
    String leaToken = api.token(lea);
    assertThat(api.check(leaToken, "notes.read")).isTrue();

    // PUT replaces the whole set and renames.
    JsonObject replaced =
        expect(
                client.put(
                    "/api/roles/" + roleId,
                    t.adminToken(),
                    json("name", "notes-writer", "permissions", List.of("notes.write"))),
                200)
            .json();
    assertThat(replaced.getString("name")).isEqualTo("notes-writer");
    assertThat(strings(replaced.getJsonArray("permissions"))).containsExactly("notes.write");
    assertThat(api.check(leaToken, "notes.read")).isFalse();
    assertThat(api.check(leaToken, "notes.write")).isTrue();

    // A deleted role grants nothing and is gone.
    expect(client.delete("/api/roles/" + roleId, t.adminToken()), 204);
    assertThat(api.check(leaToken, "notes.write")).isFalse();
    assertProblem(client.get("/api/roles/" + roleId, t.adminToken()), 404);
    assertThat(
            field(expect(client.get("/api/me", leaToken), 200).json().getJsonArray("roles"), "id"))
        .isEmpty();

    // A removed member's tenant token stops working, and rejoining restores no old role.
    String again = api.createRole(t.adminToken(), "notes-again", "notes.read").getString("id");
    api.assign(t.adminToken(), again, lea.id());
    assertThat(api.check(leaToken, "notes.read")).isTrue();
    expect(client.delete("/api/members/" + lea.id(), t.adminToken()), 204);
    assertThat(client.get("/api/me", leaToken).status()).isIn(401, 403);
    expect(client.post("/api/members", api.adminIn(t.id()), json("userId", lea.id())), 201);
    assertThat(api.check(api.token(lea), "notes.read")).isFalse();
  }

  @Test
  void a_system_administrator_enters_any_active_tenant_and_holds_every_permission_there() {
    Tenant t = tenantWithAdmin();
    api.createPermission("vault.open");
    String inTenant = api.adminIn(t.id());
    assertThat(claims(inTenant).getString("tid")).isEqualTo(t.id());

    assertThat(api.check(inTenant, "vault.open")).isTrue();
    assertThat(api.check(inTenant, "users.manage")).isTrue();
    assertThat(api.check(inTenant, "vault.open", t.admin().id())).isFalse();
    JsonObject me = expect(client.get("/api/me", inTenant), 200).json();
    assertThat(me.getJsonObject("tenant")).isEqualTo(t.tenant());
    assertThat(me.getJsonArray("roles")).isEmpty();
    assertThat(strings(me.getJsonArray("permissions"))).contains("vault.open", "users.manage");
    expect(client.get("/api/members", inTenant), 200);
  }

  @Test
  void the_jwks_publishes_the_signing_keys_public_parts_with_their_kid() {
    Response response = expect(client.get("/.well-known/jwks.json", null), 200);
    assertThat(response.contentType()).startsWith("application/json");
    JsonArray keys = response.json().getJsonArray("keys");
    assertThat(keys).isNotEmpty();
    for (JsonValue value : keys) {
      JsonObject key = value.asJsonObject();
      assertThat(key.getString("kid", "")).isNotBlank();
      assertThat(key.getString("kty", "")).isNotBlank();
      assertThat(key.keySet()).doesNotContain("d", "p", "q", "dp", "dq", "qi", "k");
    }
    String token = api.adminToken();
    assertThat(field(keys, "kid")).contains(header(token).getString("kid"));
    assertThat(header(token).getString("alg")).isIn("ES256", "RS256");
  }

  @Test
  void the_openapi_document_is_served_and_describes_the_contract() {
    Response response = expect(client.get("/openapi", null), 200);
    assertThat(response.body())
        .contains("openapi: 3.1")
        .contains(
            "/api/auth/login",
            "/api/auth/select-tenant",
            "/api/authz/check-batch",
            "/api/roles/{roleId}/users/{userId}",
            "/api/members",
            "/api/admin/tenants/{tenantId}/members",
            "/.well-known/jwks.json");
  }

  /** A tenant with a tenant administrator (a member holding the built-in admin role). */
  private record Tenant(JsonObject tenant, Account admin, String adminToken) {
    String id() {
      return tenant.getString("id");
    }
  }

  private Tenant tenantWithAdmin() {
    JsonObject tenant = api.createTenant("tenant");
    Account admin = api.member(tenant.getString("id"), "admin", "admin");
    return new Tenant(tenant, admin, api.token(admin));
  }

  private List<String> permissionNames() {
    return field(
        expect(client.get("/api/admin/permissions", api.adminToken()), 200).jsonArray(), "name");
  }

  private List<String> rolePermissions(String token, String roleId) {
    return strings(
        expect(client.get("/api/roles/" + roleId, token), 200).json().getJsonArray("permissions"));
  }

  private static JsonArray jsonArray(String... items) {
    return jakarta.json.Json.createReader(
            new java.io.StringReader("[" + String.join(",", items) + "]"))
        .readArray();
  }

  /** 401 or 403, as problem+json: the contract allows either for a token that stopped working. */
  private static void assertRefused(Response response) {
    assertThat(response.status()).as("answer: %s", response).isIn(401, 403);
    assertProblem(response, response.status());
  }

  private static void assertItem(
      JsonArray results,
      int index,
      String permission,
      String userId,
      boolean allowed,
      boolean error) {
    JsonObject item = results.getJsonObject(index);
    String where = "item " + index + ": " + item;
    if (permission == null) {
      assertThat(item.isNull("permission")).as(where).isTrue();
    } else {
      assertThat(item.getString("permission")).as(where).isEqualTo(permission);
    }
    if (userId != null) {
      assertThat(item.getString("userId")).as(where).isEqualTo(userId);
    }
    assertThat(item.getBoolean("allowed")).as(where).isEqualTo(allowed);
    if (error) {
      assertThat(item.getString("error", "")).as(where).isNotBlank();
    } else {
      assertThat(item).as(where).doesNotContainKey("error");
    }
  }
}
