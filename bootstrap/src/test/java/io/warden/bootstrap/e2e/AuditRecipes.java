package io.warden.bootstrap.e2e;

import static io.warden.bootstrap.e2e.WardenApi.expect;
import static io.warden.bootstrap.e2e.WardenApi.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.warden.bootstrap.e2e.WardenApi.Account;
import io.warden.bootstrap.testing.WardenClient;
import io.warden.bootstrap.testing.WardenClient.Response;
import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * One request per state-changing route of the API, made with a given request id, and the audit
 * action it must write: what {@link AuditCoverageTest} drives. Keeps every password and token it
 * used, for the scan that no event holds one.
 */
final class AuditRecipes {
  static final String FIRST_PASSWORD = "first-secret-password-1";
  static final String SECOND_PASSWORD = "second-secret-password-2";

  /** One route's request, made with the given request id, and the event it must write. */
  record Recipe(String action, int status, Runnable prepare, Function<String, Response> call) {
    /** A recipe that needs nothing made before its request. */
    Recipe(String action, int status, Function<String, Response> call) {
      this(action, status, () -> {}, call);
    }
  }

  private final WardenClient client;
  private final WardenApi api;
  private final String root;
  private final String tenant;
  private final Account tenantAdmin;
  private final String admin;
  private final List<String> secrets = new ArrayList<>();
  private final Map<String, String> ids = new LinkedHashMap<>();

  AuditRecipes(WardenApi api, String tenant, Account tenantAdmin) {
    this.client = api.client();
    this.api = api;
    this.root = api.adminToken();
    this.tenant = tenant;
    this.tenantAdmin = tenantAdmin;
    this.admin = api.token(tenantAdmin);
    secrets.addAll(List.of(FIRST_PASSWORD, SECOND_PASSWORD, WardenApi.PASSWORD, root, admin));
  }

  /** Every password and token used so far. */
  List<String> secrets() {
    return List.copyOf(secrets);
  }

  private Response send(String id, String method, String path, String token, String body) {
    return client.send(method, path, token, body, Map.of("X-Request-Id", id));
  }

  private Response post(String id, String path, String token, String body) {
    return send(id, "POST", path, token, body);
  }

  /** An empty-bodied POST, as grants, assignments and logouts are sent. */
  private Response post(String id, String path, String token) {
    return send(id, "POST", path, token, null);
  }

  private Response put(String id, String path, String token, String body) {
    return send(id, "PUT", path, token, body);
  }

  private Response patch(String id, String path, String token, String body) {
    return send(id, "PATCH", path, token, body);
  }

  private Response delete(String id, String path, String token) {
    return send(id, "DELETE", path, token, null);
  }

  /** The recipes, in the order they run (later ones use what earlier ones made). */
  Map<String, Recipe> recipes() {
    Map<String, Recipe> r = new LinkedHashMap<>();
    String perm = "audit_e2e.p" + UUID.randomUUID().toString().substring(0, 8);
    r.put(
        "post /api/admin/tenants",
        new Recipe(
            "tenant.create",
            201,
            id ->
                keep(
                    "tenant",
                    post(
                        id,
                        "/api/admin/tenants",
                        root,
                        json("slug", api.unique("new"), "name", "New")))));
    r.put(
        "patch /api/admin/tenants/{tenantId}",
        new Recipe(
            "tenant.update",
            200,
            id ->
                patch(
                    id, "/api/admin/tenants/" + ids.get("tenant"), root, json("name", "Renamed"))));
    r.put(
        "post /api/admin/users",
        new Recipe(
            "user.create",
            201,
            id ->
                keep(
                    "user",
                    post(
                        id,
                        "/api/admin/users",
                        root,
                        json(
                            "email",
                            api.unique("u") + "@e2e.test",
                            "password",
                            FIRST_PASSWORD,
                            "displayName",
                            "Audited User")))));
    r.put(
        "patch /api/admin/users/{userId}",
        new Recipe(
            "user.update",
            200,
            id ->
                patch(
                    id,
                    "/api/admin/users/" + ids.get("user"),
                    root,
                    json("password", SECOND_PASSWORD))));
    r.put(
        "post /api/admin/tenants/{tenantId}/members",
        new Recipe(
            "member.add",
            201,
            id ->
                post(
                    id,
                    "/api/admin/tenants/" + tenant + "/members",
                    root,
                    json("userId", ids.get("user")))));
    r.put(
        "post /api/admin/permissions",
        new Recipe(
            "permission.create",
            201,
            id ->
                post(id, "/api/admin/permissions", root, json("name", perm, "description", "d"))));
    r.put(
        "post /api/roles",
        new Recipe(
            "role.create",
            201,
            id ->
                keep(
                    "role",
                    post(
                        id,
                        "/api/roles",
                        admin,
                        json("name", "audited", "permissions", List.of("users.view"))))));
    r.put(
        "put /api/roles/{roleId}",
        new Recipe(
            "role.update",
            200,
            id -> put(id, "/api/roles/" + ids.get("role"), admin, json("description", "changed"))));
    r.put(
        "post /api/roles/{roleId}/permissions/{permission}",
        new Recipe(
            "role.grant",
            204,
            id -> post(id, "/api/roles/" + ids.get("role") + "/permissions/roles.view", admin)));
    r.put(
        "delete /api/roles/{roleId}/permissions/{permission}",
        new Recipe(
            "role.revoke",
            204,
            id -> delete(id, "/api/roles/" + ids.get("role") + "/permissions/roles.view", admin)));
    r.put(
        "post /api/members",
        new Recipe(
            "member.invite",
            202,
            () -> ids.put("invitee", api.createUser("invitee").email()),
            id ->
                keepInvitation(
                    "accepted",
                    post(id, "/api/members", admin, json("email", ids.get("invitee"))))));
    r.put(
        "post /api/auth/invitations/{invitationId}/accept",
        new Recipe(
            "invitation.accept",
            204,
            () -> ids.put("inviteeToken", client.token(ids.get("invitee"), WardenApi.PASSWORD)),
            id ->
                post(
                    id,
                    "/api/auth/invitations/" + ids.get("accepted") + "/accept",
                    ids.get("inviteeToken"))));
    r.put(
        "delete /api/auth/invitations/{invitationId}",
        new Recipe(
            "invitation.revoke",
            204,
            () ->
                keepInvitation(
                    "revoked",
                    client.post(
                        "/api/members", admin, json("email", api.unique("x") + "@e2e.test"))),
            id -> delete(id, "/api/auth/invitations/" + ids.get("revoked"), admin)));
    r.put(
        "delete /api/auth/sessions/{sessionId}",
        new Recipe(
            "auth.session_end",
            204,
            () -> {
              freshToken("ending");
              ids.put(
                  "session",
                  expect(client.get("/api/auth/sessions", ids.get("ending")), 200)
                      .jsonArray()
                      .stream()
                      .map(v -> v.asJsonObject())
                      .filter(v -> v.getBoolean("current"))
                      .findFirst()
                      .orElseThrow()
                      .getString("id"));
            },
            id -> delete(id, "/api/auth/sessions/" + ids.get("session"), ids.get("ending"))));
    r.put(
        "post /api/roles/{roleId}/users/{userId}",
        new Recipe(
            "role.assign",
            204,
            id -> post(id, "/api/roles/" + ids.get("role") + "/users/" + ids.get("user"), admin)));
    r.put(
        "delete /api/roles/{roleId}/users/{userId}",
        new Recipe(
            "role.unassign",
            204,
            id ->
                delete(id, "/api/roles/" + ids.get("role") + "/users/" + ids.get("user"), admin)));
    r.put(
        "post /api/organizations",
        new Recipe(
            "organization.create",
            201,
            id ->
                keep(
                    "organization",
                    post(id, "/api/organizations", admin, json("name", "Audited")))));
    r.put(
        "patch /api/organizations/{organizationId}",
        new Recipe(
            "organization.update",
            200,
            id ->
                patch(
                    id,
                    "/api/organizations/" + ids.get("organization"),
                    admin,
                    json("name", "Audited, renamed"))));
    r.put(
        "post /api/organizations/{organizationId}/members/{userId}",
        new Recipe(
            "organization.member_add",
            204,
            id ->
                post(
                    id,
                    "/api/organizations/" + ids.get("organization") + "/members/" + ids.get("user"),
                    admin)));
    r.put(
        "delete /api/organizations/{organizationId}/members/{userId}",
        new Recipe(
            "organization.member_remove",
            204,
            id ->
                delete(
                    id,
                    "/api/organizations/" + ids.get("organization") + "/members/" + ids.get("user"),
                    admin)));
    r.put(
        "delete /api/organizations/{organizationId}",
        new Recipe(
            "organization.delete",
            204,
            id -> delete(id, "/api/organizations/" + ids.get("organization"), admin)));
    r.put(
        "delete /api/members/{userId}",
        new Recipe(
            "member.remove", 204, id -> delete(id, "/api/members/" + ids.get("user"), admin)));
    r.put(
        "delete /api/roles/{roleId}",
        new Recipe("role.delete", 204, id -> delete(id, "/api/roles/" + ids.get("role"), admin)));
    r.put(
        "delete /api/admin/permissions/{name}",
        new Recipe(
            "permission.delete", 204, id -> delete(id, "/api/admin/permissions/" + perm, root)));
    r.put(
        "post /api/performance/cache/warm/{tenantId}",
        new Recipe(
            "cache.warm", 202, id -> post(id, "/api/performance/cache/warm/" + tenant, admin)));
    r.put(
        "delete /api/performance/cache/tenant/{tenantId}",
        new Recipe(
            "cache.flush",
            204,
            id -> delete(id, "/api/performance/cache/tenant/" + tenant, admin)));
    r.put(
        "post /api/auth/login",
        new Recipe(
            "auth.login",
            200,
            id ->
                keepTokens(
                    post(
                        id,
                        "/api/auth/login",
                        null,
                        json("email", tenantAdmin.email(), "password", tenantAdmin.password())))));
    r.put(
        "post /api/auth/refresh",
        new Recipe(
            "auth.refresh_reused",
            401,
            this::spendRefreshToken,
            id -> post(id, "/api/auth/refresh", null, json("refreshToken", ids.get("spent")))));
    r.put(
        "post /api/auth/logout",
        new Recipe(
            "auth.logout",
            204,
            () -> freshToken("logout"),
            id -> post(id, "/api/auth/logout", ids.get("logout"))));
    r.put(
        "post /api/auth/logout-all",
        new Recipe(
            "auth.logout_all",
            204,
            () -> freshToken("logout-all"),
            id -> post(id, "/api/auth/logout-all", ids.get("logout-all"))));
    return r;
  }

  /** A refresh that succeeds writes nothing; the spent token's second use is audited. */
  private void spendRefreshToken() {
    JsonObject login = api.login(tenantAdmin);
    String refreshToken = login.getString("refreshToken");
    secrets.add(refreshToken);
    secrets.add(login.getString("accessToken"));
    int before = AuditPages.all(client, root).size();
    JsonObject rotated = expect(api.refresh(refreshToken), 200).json();
    secrets.add(rotated.getString("refreshToken"));
    secrets.add(rotated.getString("accessToken"));
    assertThat(AuditPages.all(client, root)).as("a rotation is routine").hasSize(before);
    ids.put("spent", refreshToken);
  }

  private void freshToken(String name) {
    String token = api.token(tenantAdmin);
    secrets.add(token);
    ids.put(name, token);
  }

  private Response keep(String name, Response response) {
    if (response.status() / 100 == 2) {
      ids.put(name, response.json().getString("id"));
    }
    return response;
  }

  private Response keepInvitation(String name, Response response) {
    expect(response, 202);
    ids.put(name, response.json().getString("invitationId"));
    return response;
  }

  private Response keepTokens(Response response) {
    if (response.status() == 200) {
      secrets.add(response.json().getString("accessToken"));
      secrets.add(response.json().getString("refreshToken"));
    }
    return response;
  }
}
