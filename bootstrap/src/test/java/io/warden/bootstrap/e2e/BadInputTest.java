package io.warden.bootstrap.e2e;

import static io.warden.bootstrap.e2e.WardenApi.assertProblem;
import static io.warden.bootstrap.e2e.WardenApi.expect;
import static io.warden.bootstrap.e2e.WardenApi.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.warden.bootstrap.e2e.WardenApi.Account;
import io.warden.bootstrap.testing.WardenClient.Response;
import io.warden.bootstrap.testing.WardenInstance;
import jakarta.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A table of bad requests across the whole API: each is answered 4xx {@code
 * application/problem+json} revealing nothing of the implementation, and changes nothing (roles,
 * members, permissions, the caller's own standing are read before and after). Where a refused
 * request named a new key (an e-mail, a slug, a role or permission name), a valid request with that
 * key then succeeds: the refusal left nothing half-created behind.
 */
class BadInputTest extends OneWardenTest {
  private static final String JSON = "application/json";
  private static final String RANDOM = UUID.randomUUID().toString();

  private String tenantId;
  private String tenantSlug;
  private Account tenantAdmin;
  private String tenantAdminToken;
  private Account member;
  private Account outsider;
  private Account newcomer;
  private String customRole;
  private String adminRole;
  private Account editor;
  private String editorToken;
  private String editorRole;
  private String revokedToken;

  /** Who sends a request. */
  enum As {
    NOBODY,
    SYSTEM_ADMIN,
    TENANT_ADMIN,
    /** A member who edits and assigns roles, and holds little else. */
    EDITOR,
    /** A member's token after its session was logged out. */
    REVOKED
  }

  /** One HTTP request of the table. */
  record Request(As as, String method, String path, String contentType, String body) {}

  /** A bad request, the status it must get, and optionally a valid request that must then work. */
  record Case(String name, Request bad, int status, Request proof) {
    @Override
    public String toString() {
      return name + " -> " + status;
    }
  }

  @BeforeAll
  void start() {
    JsonObject tenant = api.createTenant("bad-input");
    tenantId = tenant.getString("id");
    tenantSlug = tenant.getString("slug");
    tenantAdmin = api.member(tenantId, "tenant-admin", "admin");
    tenantAdminToken = api.token(tenantAdmin);
    member = api.member(tenantId, "member");
    outsider = api.createUser("outsider");
    newcomer = api.createUser("newcomer");
    customRole = api.createRole(tenantAdminToken, "custom", "users.view").getString("id");
    adminRole = api.roleId(tenantAdminToken, "admin");
    api.assign(tenantAdminToken, customRole, member.id());
    editorRole =
        api.createRole(
                tenantAdminToken,
                "editor",
                "users.view",
                "roles.view",
                "roles.edit",
                "roles.assign")
            .getString("id");
    editor = api.member(tenantId, "editor");
    api.assign(tenantAdminToken, editorRole, editor.id());
    editorToken = api.token(editor);
    revokedToken = api.token(member);
    expect(api.postEmpty("/api/auth/logout", revokedToken), 204);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void a_bad_request_gets_a_problem_and_changes_nothing(Case c) {
    String before = snapshot();

    Response answer = send(c.bad());

    assertProblem(answer, c.status());
    if (answer.json().containsKey("errors")) {
      assertThat(answer.json().getJsonArray("errors"))
          .as("validation errors of %s", answer)
          .isNotEmpty()
          .allSatisfy(e -> assertThat(e.asJsonObject().keySet()).contains("field", "message"));
    }
    assertThat(snapshot()).as("state after %s", c).isEqualTo(before);
    if (c.proof() != null) {
      Response proof = send(c.proof());
      assertThat(proof.status()).as("the valid request after %s: %s", c, proof).isBetween(200, 299);
    }
  }

  @Test
  void a_chunked_body_over_1_mib_is_refused_413_and_changes_nothing() throws Exception {
    String before = snapshot();
    byte[] body =
        json("name", "chunked", "description", "x".repeat(1024 * 1024), "permissions", List.of())
            .getBytes(StandardCharsets.UTF_8);
    // A stream publisher has no length: the body goes chunked, with no Content-Length to refuse.
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(client.baseUrl() + "/api/roles"))
            .header("Authorization", "Bearer " + tenantAdminToken)
            .header("Content-Type", JSON)
            .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
            .build();
    assertThat(request.bodyPublisher().orElseThrow().contentLength()).isNegative();
    HttpResponse<String> raw =
        HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());

    assertProblem(new Response(raw.statusCode(), raw), 413);
    assertThat(snapshot()).isEqualTo(before);
    expect(send(role("chunked")), 201);
  }

  Stream<Case> cases() {
    List<Case> cases = new ArrayList<>();
    String members = "/api/admin/tenants/" + tenantId + "/members";
    String role = "/api/roles/" + customRole;

    // The exchange itself.
    cases.add(bad("unknown path", get(As.NOBODY, "/api/no-such-endpoint"), 404));
    cases.add(bad("unknown path outside the API", get(As.NOBODY, "/no-such-page"), 404));
    cases.add(bad("unknown path with a token", get(As.TENANT_ADMIN, role + "/x/y"), 404));
    cases.add(bad("wrong method", delete(As.TENANT_ADMIN, "/api/me"), 405));
    cases.add(bad("no token", get(As.NOBODY, "/api/roles"), 401));
    cases.add(bad("revoked token", get(As.REVOKED, "/api/me"), 401));
    cases.add(
        bad(
            "revoked token on a change",
            post(As.REVOKED, "/api/roles", json("name", "by-revoked", "permissions", List.of())),
            401,
            role("by-revoked")));
    cases.add(
        bad(
            "text/plain body",
            req(As.TENANT_ADMIN, "POST", "/api/roles", "text/plain", "name=plain"),
            415,
            role("plain")));
    cases.add(
        bad(
            "form body",
            req(
                As.NOBODY,
                "POST",
                "/api/auth/login",
                "application/x-www-form-urlencoded",
                "email=a%40b.cd&password=long-enough-password"),
            415));
    cases.add(
        bad(
            "JSON in another charset",
            req(
                As.TENANT_ADMIN,
                "POST",
                "/api/roles",
                "application/json; charset=ISO-8859-1",
                json("name", "latin", "permissions", List.of())),
            415,
            role("latin")));
    cases.add(
        bad(
            "body over 1 MiB",
            post(
                As.TENANT_ADMIN,
                "/api/roles",
                json(
                    "name",
                    "huge",
                    "description",
                    "x".repeat(1024 * 1024),
                    "permissions",
                    List.of())),
            413,
            role("huge")));
    cases.add(bad("malformed JSON", post(As.NOBODY, "/api/auth/login", "{\"email\":"), 400));
    cases.add(
        bad(
            "JSON followed by garbage",
            post(
                As.NOBODY,
                "/api/auth/login",
                json("email", tenantAdmin.email(), "password", WardenApi.PASSWORD) + " trailing"),
            400));
    cases.add(bad("JSON array body", post(As.NOBODY, "/api/auth/login", "[]"), 400));
    cases.add(bad("JSON null body", post(As.NOBODY, "/api/auth/login", "null"), 400));
    cases.add(bad("empty body", post(As.TENANT_ADMIN, "/api/roles", ""), 400));
    cases.add(
        bad(
            "deeply nested JSON",
            post(
                As.TENANT_ADMIN,
                "/api/roles",
                "{\"name\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}"),
            400));
    cases.add(
        bad(
            "login with wrong types",
            post(As.NOBODY, "/api/auth/login", "{\"email\":5,\"password\":true}"),
            400));
    cases.add(
        bad(
            "login without a password",
            post(As.NOBODY, "/api/auth/login", json("email", tenantAdmin.email())),
            400));

    // Authentication.
    cases.add(
        bad(
            "select-tenant with a bad UUID",
            post(As.TENANT_ADMIN, "/api/auth/select-tenant", json("tenantId", "not-a-uuid")),
            400));
    cases.add(
        bad(
            "select-tenant with a number",
            post(As.TENANT_ADMIN, "/api/auth/select-tenant", "{\"tenantId\":42}"),
            400));
    cases.add(bad("refresh without a token", post(As.NOBODY, "/api/auth/refresh", "{}"), 400));

    // Sessions: only one's own live session can be ended; the editor's stays listed (snapshot).
    String sessions = "/api/auth/sessions/";
    String editorSession = WardenApi.claims(editorToken).getString("sid");
    cases.add(bad("session id too short", delete(As.TENANT_ADMIN, sessions + "nope"), 400));
    cases.add(
        bad("session id not Base64url", delete(As.TENANT_ADMIN, sessions + "%24".repeat(22)), 400));
    cases.add(bad("unknown session", delete(As.TENANT_ADMIN, sessions + "A".repeat(22)), 404));
    cases.add(
        bad(
            "another user's session",
            delete(As.TENANT_ADMIN, sessions + editorSession),
            404,
            get(As.EDITOR, "/api/me")));
    cases.add(
        bad(
            "another user's session as an admin",
            delete(As.SYSTEM_ADMIN, sessions + editorSession),
            404));
    cases.add(
        bad(
            "ending a session with a revoked token",
            delete(As.REVOKED, sessions + editorSession),
            401));
    cases.add(
        bad("listing sessions with a revoked token", get(As.REVOKED, "/api/auth/sessions"), 401));

    // Roles.
    cases.add(
        bad(
            "role with an unknown permission",
            role("unknown-perm", "users.view", "no.such"),
            400,
            role("unknown-perm")));
    cases.add(
        bad(
            "role with a malformed permission",
            role("malformed-perm", "Not A Name"),
            400,
            role("malformed-perm")));
    cases.add(
        bad(
            "role with permissions as a string",
            post(
                As.TENANT_ADMIN,
                "/api/roles",
                "{\"name\":\"string-perms\",\"permissions\":\"users.view\"}"),
            400,
            role("string-perms")));
    cases.add(
        bad(
            "role with a null permission",
            post(As.TENANT_ADMIN, "/api/roles", "{\"name\":\"null-perm\",\"permissions\":[null]}"),
            400,
            role("null-perm")));
    cases.add(
        bad(
            "role without a name",
            post(As.TENANT_ADMIN, "/api/roles", "{\"permissions\":[]}"),
            400));
    cases.add(
        bad(
            "role with a numeric name",
            post(As.TENANT_ADMIN, "/api/roles", "{\"name\":42,\"permissions\":[]}"),
            400));
    cases.add(bad("duplicate role name", role("custom"), 409));
    cases.add(bad("duplicate of the built-in role", role("admin"), 409));
    cases.add(bad("role id not a UUID", get(As.TENANT_ADMIN, "/api/roles/not-a-uuid"), 400));
    cases.add(bad("unknown role", get(As.TENANT_ADMIN, "/api/roles/" + RANDOM), 404));
    cases.add(
        bad(
            "role update with an unknown permission",
            put(As.TENANT_ADMIN, role, json("permissions", List.of("no.such"))),
            400));
    cases.add(
        bad("role update with a numeric name", put(As.TENANT_ADMIN, role, "{\"name\":7}"), 400));
    cases.add(
        bad(
            "role renamed to a taken name",
            put(As.TENANT_ADMIN, role, json("name", "admin")),
            409));
    cases.add(
        bad(
            "the built-in role emptied",
            put(As.TENANT_ADMIN, "/api/roles/" + adminRole, json("permissions", List.of())),
            409));
    cases.add(
        bad(
            "grant of an unknown permission",
            post(As.TENANT_ADMIN, role + "/permissions/no.such.permission", null),
            400));
    cases.add(
        bad(
            "grant of a malformed permission",
            post(As.TENANT_ADMIN, role + "/permissions/NotAName", null),
            400));
    cases.add(
        bad(
            "grant on a role id not a UUID",
            post(As.TENANT_ADMIN, "/api/roles/not-a-uuid/permissions/users.view", null),
            400));
    cases.add(
        bad(
            "assignment to a user id not a UUID",
            post(As.TENANT_ADMIN, role + "/users/not-a-uuid", null),
            400));
    cases.add(
        bad(
            "assignment with a bad expiry",
            post(As.TENANT_ADMIN, role + "/users/" + member.id(), json("expiresAt", "tomorrow")),
            400));
    cases.add(
        bad(
            "assignment expiring in the past",
            post(
                As.TENANT_ADMIN,
                "/api/roles/" + adminRole + "/users/" + member.id(),
                json("expiresAt", "2001-01-01T00:00:00Z")),
            400));
    cases.add(
        bad(
            "assignment with a numeric expiry",
            post(
                As.TENANT_ADMIN,
                "/api/roles/" + adminRole + "/users/" + member.id(),
                "{\"expiresAt\":12345}"),
            400));
    cases.add(
        bad(
            "assignment to a non-member",
            post(As.TENANT_ADMIN, "/api/roles/" + adminRole + "/users/" + outsider.id(), null),
            404));

    // Privilege escalation: an editor handing out what it does not hold.
    cases.add(
        bad(
            "role with a permission the caller lacks",
            post(
                As.EDITOR,
                "/api/roles",
                json("name", "escalated", "permissions", List.of("users.view", "users.manage"))),
            403,
            role("escalated")));
    cases.add(
        bad(
            "role update putting in a permission the caller lacks",
            put(As.EDITOR, role, json("permissions", List.of("users.view", "users.manage"))),
            403));
    cases.add(
        bad(
            "grant of a permission the caller lacks",
            post(As.EDITOR, role + "/permissions/users.manage", null),
            403));
    cases.add(
        bad(
            "grant to the role the caller holds",
            post(As.EDITOR, "/api/roles/" + editorRole + "/permissions/metrics.view", null),
            403));
    cases.add(
        bad(
            "assignment of the admin role to oneself",
            post(As.EDITOR, "/api/roles/" + adminRole + "/users/" + editor.id(), null),
            403));
    cases.add(
        bad(
            "assignment of the admin role to another",
            post(
                As.EDITOR,
                "/api/roles/" + adminRole + "/users/" + member.id(),
                json("expiresAt", "2999-01-01T00:00:00Z")),
            403));

    // Members.
    for (String query :
        List.of(
            "limit=501",
            "limit=0",
            "limit=-1",
            "limit=abc",
            "limit=99999999999",
            "limit=1&limit=2",
            "cursor=not-a-cursor!",
            "cursor=" + "x".repeat(600))) {
      cases.add(bad("members ?" + query, get(As.TENANT_ADMIN, "/api/members?" + query), 400));
    }
    // The other paged lists take the same paging; the admin lists a bounded prefix search too.
    for (String query :
        List.of(
            "limit=501",
            "limit=0",
            "limit=abc",
            "limit=1&limit=2",
            "cursor=not-a-cursor!",
            "cursor=bm9wZQ",
            "cursor=" + "x".repeat(600))) {
      cases.add(bad("tenants ?" + query, get(As.SYSTEM_ADMIN, "/api/admin/tenants?" + query), 400));
      cases.add(bad("users ?" + query, get(As.SYSTEM_ADMIN, "/api/admin/users?" + query), 400));
      cases.add(bad("roles ?" + query, get(As.TENANT_ADMIN, "/api/roles?" + query), 400));
    }
    String longQ = "q=" + "%25".repeat(201);
    cases.add(bad("tenants over-long q", get(As.SYSTEM_ADMIN, "/api/admin/tenants?" + longQ), 400));
    cases.add(bad("users over-long q", get(As.SYSTEM_ADMIN, "/api/admin/users?" + longQ), 400));
    cases.add(bad("roles with q", get(As.TENANT_ADMIN, "/api/roles?limit=2&q=a"), 400));
    cases.add(bad("member without a user", post(As.TENANT_ADMIN, "/api/members", "{}"), 400));
    cases.add(
        bad(
            "member with a bad user id",
            post(As.TENANT_ADMIN, "/api/members", json("userId", "nope")),
            400));
    cases.add(
        bad(
            "member by both id and e-mail",
            post(
                As.TENANT_ADMIN,
                "/api/members",
                json("userId", outsider.id(), "email", outsider.email())),
            400));
    cases.add(
        bad(
            "member with a numeric e-mail",
            post(As.TENANT_ADMIN, "/api/members", "{\"email\":5}"),
            400));
    // Adding by id is for system administrators: a tenant administrator is refused whether or not
    // the user exists or is a member, so the answer reveals neither.
    cases.add(
        bad(
            "member by id, who does not exist, as a tenant administrator",
            post(As.TENANT_ADMIN, "/api/members", json("userId", RANDOM)),
            403));
    cases.add(
        bad(
            "member by id, a member already, as a tenant administrator",
            post(As.TENANT_ADMIN, "/api/members", json("userId", member.id())),
            403));
    cases.add(
        bad(
            "invitation to something not an e-mail address",
            post(As.TENANT_ADMIN, "/api/members", json("email", "not-an-address")),
            400));
    cases.add(
        bad(
            "invitation with a bad role id",
            post(
                As.TENANT_ADMIN,
                "/api/members",
                json("email", "nobody@e2e.test", "roleIds", List.of("nope"))),
            400));
    cases.add(
        bad(
            "invitation naming an unknown role",
            post(
                As.TENANT_ADMIN,
                "/api/members",
                json("email", "nobody@e2e.test", "roleIds", List.of(RANDOM))),
            400));
    cases.add(
        bad(
            "invitation with roleIds not an array",
            post(As.TENANT_ADMIN, "/api/members", "{\"email\":\"n@e2e.test\",\"roleIds\":7}"),
            400));
    cases.add(
        bad(
            "invitation accepted with a bad id",
            post(As.EDITOR, "/api/auth/invitations/not-a-uuid/accept", null),
            400));
    cases.add(
        bad(
            "invitation accepted that does not exist",
            post(As.EDITOR, "/api/auth/invitations/" + RANDOM + "/accept", null),
            404));
    cases.add(
        bad(
            "invitation declined with a bad id",
            delete(As.EDITOR, "/api/auth/invitations/not-a-uuid"),
            400));
    cases.add(
        bad(
            "invitation declined that does not exist",
            delete(As.TENANT_ADMIN, "/api/auth/invitations/" + RANDOM),
            404));
    cases.add(
        bad(
            "member removal with a bad id",
            delete(As.TENANT_ADMIN, "/api/members/not-a-uuid"),
            400));
    cases.add(
        bad(
            "removal of a non-member",
            delete(As.TENANT_ADMIN, "/api/members/" + outsider.id()),
            404));

    // Permission checks and queries.
    cases.add(
        bad("check without a permission", post(As.TENANT_ADMIN, "/api/authz/check", "{}"), 400));
    cases.add(
        bad(
            "check with a numeric permission",
            post(As.TENANT_ADMIN, "/api/authz/check", "{\"permission\":5}"),
            400));
    cases.add(
        bad(
            "check with a malformed permission",
            post(As.TENANT_ADMIN, "/api/authz/check", json("permission", "Not A Name")),
            400));
    cases.add(
        bad(
            "check with a bad user id",
            post(
                As.TENANT_ADMIN,
                "/api/authz/check",
                json("permission", "users.view", "userId", "nope")),
            400));
    cases.add(
        bad(
            "batch check without items",
            post(As.TENANT_ADMIN, "/api/authz/check-batch", json("checks", List.of())),
            400));
    cases.add(
        bad(
            "batch check of 101 items",
            post(
                As.TENANT_ADMIN,
                "/api/authz/check-batch",
                "{\"checks\":["
                    + String.join(",", Collections.nCopies(101, json("permission", "users.view")))
                    + "]}"),
            400));
    cases.add(
        bad(
            "batch check with an object for the array",
            post(As.TENANT_ADMIN, "/api/authz/check-batch", "{\"checks\":{}}"),
            400));
    cases.add(
        bad(
            "batch check without checks",
            post(As.TENANT_ADMIN, "/api/authz/check-batch", "{}"),
            400));
    List<String> tooMany = new ArrayList<>();
    for (int i = 0; i < 1001; i++) {
      tooMany.add(UUID.randomUUID().toString());
    }
    cases.add(
        bad(
            "permissions of 1001 users",
            post(As.TENANT_ADMIN, "/api/authz/permissions/batch", json("userIds", tooMany)),
            400));
    cases.add(
        bad(
            "permissions of no users",
            post(As.TENANT_ADMIN, "/api/authz/permissions/batch", json("userIds", List.of())),
            400));
    cases.add(
        bad(
            "permissions of a bad user id",
            post(
                As.TENANT_ADMIN,
                "/api/authz/permissions/batch",
                json("userIds", List.of(member.id(), "nope"))),
            400));
    cases.add(
        bad(
            "permissions of numeric user ids",
            post(As.TENANT_ADMIN, "/api/authz/permissions/batch", "{\"userIds\":[5]}"),
            400));
    cases.add(bad("explain without a permission", get(As.TENANT_ADMIN, "/api/authz/explain"), 400));
    cases.add(
        bad(
            "explain with a bad user id",
            get(As.TENANT_ADMIN, "/api/authz/explain?permission=users.view&userId=nope"),
            400));
    cases.add(
        bad(
            "explain with the permission twice",
            get(As.TENANT_ADMIN, "/api/authz/explain?permission=users.view&permission=roles.view"),
            400));
    cases.add(
        bad(
            "permissions of a user id not a UUID",
            get(As.TENANT_ADMIN, "/api/authz/users/nope/permissions"),
            400));

    // System administration.
    String weakEmail = "weak@e2e.test";
    cases.add(
        bad(
            "user with an 11-character password",
            user(weakEmail, "elevenchars"),
            400,
            user(weakEmail, "twelve-chars")));
    cases.add(bad("user with a duplicate e-mail", user(member.email(), "long-enough-pass"), 409));
    cases.add(
        bad(
            "user with a duplicate e-mail in other case",
            user(WardenInstance.ADMIN_EMAIL.toUpperCase(java.util.Locale.ROOT), "long-pass!!!"),
            409));
    cases.add(bad("user with a bad e-mail", user("not-an-email", "long-enough-pass"), 400));
    cases.add(
        bad(
            "user without a display name",
            post(
                As.SYSTEM_ADMIN,
                "/api/admin/users",
                json("email", "nameless@e2e.test", "password", "long-enough-pass")),
            400,
            user("nameless@e2e.test", "long-enough-pass")));
    cases.add(
        bad(
            "user with a string for systemAdmin",
            post(
                As.SYSTEM_ADMIN,
                "/api/admin/users",
                json(
                    "email",
                    "typed@e2e.test",
                    "password",
                    "long-enough-pass",
                    "displayName",
                    "Typed",
                    "systemAdmin",
                    "yes")),
            400,
            user("typed@e2e.test", "long-enough-pass")));
    cases.add(bad("tenant with a duplicate slug", tenant(tenantSlug, "Again"), 409));
    cases.add(bad("tenant with a bad slug", tenant("Bad Slug", "Bad"), 400));
    cases.add(
        bad(
            "tenant with a numeric name",
            post(As.SYSTEM_ADMIN, "/api/admin/tenants", "{\"slug\":\"numeric-name\",\"name\":5}"),
            400,
            tenant("numeric-name", "Numeric")));
    cases.add(
        bad(
            "tenant with a blank name",
            tenant("blank-name", " "),
            400,
            tenant("blank-name", "Named")));
    cases.add(
        bad(
            "tenant update with a bad id",
            patch(As.SYSTEM_ADMIN, "/api/admin/tenants/not-a-uuid", json("name", "x")),
            400));
    cases.add(
        bad(
            "tenant update of an unknown tenant",
            patch(As.SYSTEM_ADMIN, "/api/admin/tenants/" + RANDOM, json("name", "x")),
            404));
    cases.add(
        bad(
            "tenant deactivation with a string",
            patch(As.SYSTEM_ADMIN, "/api/admin/tenants/" + tenantId, json("active", "no")),
            400));
    cases.add(
        bad(
            "tenant renamed to blank",
            patch(
                As.SYSTEM_ADMIN,
                "/api/admin/tenants/" + tenantId,
                "{\"name\":\"\",\"active\":false}"),
            400));
    cases.add(
        bad(
            "password change to a weak one",
            patch(
                As.SYSTEM_ADMIN,
                "/api/admin/users/" + tenantAdmin.id(),
                json("password", "short", "displayName", "Renamed")),
            400));
    cases.add(
        bad(
            "user deactivation with a number",
            patch(As.SYSTEM_ADMIN, "/api/admin/users/" + tenantAdmin.id(), "{\"active\":0}"),
            400));
    cases.add(
        bad(
            "user update with a bad id",
            patch(As.SYSTEM_ADMIN, "/api/admin/users/not-a-uuid", json("displayName", "x")),
            400));
    cases.add(
        bad(
            "user update of an unknown user",
            patch(As.SYSTEM_ADMIN, "/api/admin/users/" + RANDOM, json("displayName", "x")),
            404));
    cases.add(
        bad(
            "first member with an unknown role",
            post(
                As.SYSTEM_ADMIN,
                members,
                json("userId", newcomer.id(), "roles", List.of("admin", "no-such-role"))),
            400,
            post(As.SYSTEM_ADMIN, members, json("userId", newcomer.id(), "roles", List.of()))));
    cases.add(
        bad(
            "first member with roles as a string",
            post(As.SYSTEM_ADMIN, members, "{\"userId\":\"" + RANDOM + "\",\"roles\":\"admin\"}"),
            400));
    cases.add(
        bad(
            "first member with a bad user id",
            post(As.SYSTEM_ADMIN, members, json("userId", "nope")),
            400));
    cases.add(
        bad(
            "first member who does not exist",
            post(As.SYSTEM_ADMIN, members, json("userId", RANDOM)),
            404));
    cases.add(
        bad(
            "first member of an unknown tenant",
            post(
                As.SYSTEM_ADMIN,
                "/api/admin/tenants/" + RANDOM + "/members",
                json("userId", member.id())),
            404));
    cases.add(
        bad(
            "first member twice",
            post(As.SYSTEM_ADMIN, members, json("userId", member.id(), "roles", List.of("admin"))),
            409));
    cases.add(bad("permission with a bad name", permission("Bad Name", "x"), 400));
    cases.add(bad("permission with an empty segment", permission("a..b", "x"), 400));
    cases.add(
        bad(
            "permission without a description",
            post(As.SYSTEM_ADMIN, "/api/admin/permissions", json("name", "undescribed.thing")),
            400,
            permission("undescribed.thing", "now described")));
    cases.add(bad("duplicate permission", permission("users.view", "again"), 409));
    cases.add(
        bad(
            "deletion of an unknown permission",
            delete(As.SYSTEM_ADMIN, "/api/admin/permissions/no.such.thing"),
            404));
    cases.add(
        bad(
            "deletion of a malformed permission",
            delete(As.SYSTEM_ADMIN, "/api/admin/permissions/Bad%20Name"),
            400));
    // Organizations: bad names, unknown parents, cycles, bad ids, another tenant's organization.
    String orgs = "/api/organizations";
    String orgRoot =
        expect(client.post(orgs, tenantAdminToken, json("name", "bad-input root")), 201)
            .json()
            .getString("id");
    String orgChild =
        expect(
                client.post(
                    orgs, tenantAdminToken, json("name", "bad-input child", "parentId", orgRoot)),
                201)
            .json()
            .getString("id");
    cases.add(bad("organization without a name", post(As.TENANT_ADMIN, orgs, "{}"), 400));
    cases.add(bad("blank organization name", post(As.TENANT_ADMIN, orgs, json("name", " ")), 400));
    cases.add(
        bad(
            "organization under an unknown parent",
            post(As.TENANT_ADMIN, orgs, json("name", "n", "parentId", RANDOM)),
            400));
    cases.add(
        bad(
            "organization under a malformed parent",
            post(As.TENANT_ADMIN, orgs, json("name", "n", "parentId", "nope")),
            400));
    cases.add(
        bad(
            "organization moved under its own child",
            patch(As.TENANT_ADMIN, orgs + "/" + orgRoot, json("parentId", orgChild)),
            400));
    cases.add(
        bad(
            "malformed organization id",
            patch(As.TENANT_ADMIN, orgs + "/nope", json("name", "n")),
            400));
    cases.add(
        bad(
            "unknown organization",
            patch(As.TENANT_ADMIN, orgs + "/" + RANDOM, json("name", "n")),
            404));
    cases.add(
        bad(
            "an outsider into an organization",
            post(As.TENANT_ADMIN, orgs + "/" + orgRoot + "/members/" + outsider.id(), null),
            404));
    cases.add(
        bad("organizations without orgs.manage", post(As.EDITOR, orgs, json("name", "n")), 403));
    return cases.stream();
  }

  /** What a refused request must leave as it was, read through the API. */
  private String snapshot() {
    String admin = api.adminToken();
    return String.join(
        "\n",
        expect(client.get("/api/roles", tenantAdminToken), 200).body(),
        expect(client.get("/api/members?limit=500", tenantAdminToken), 200).body(),
        expect(client.get("/api/admin/permissions", admin), 200).body(),
        expect(client.get("/api/me", tenantAdminToken), 200).body(),
        expect(client.get("/api/organizations", tenantAdminToken), 200).body(),
        expect(client.get("/api/auth/tenants", tenantAdminToken), 200).body(),
        expect(client.get("/api/auth/sessions", editorToken), 200).body(),
        expect(
                client.get("/api/authz/users/" + member.id() + "/permissions", tenantAdminToken),
                200)
            .body());
  }

  private Response send(Request request) {
    String token =
        switch (request.as()) {
          case NOBODY -> null;
          case SYSTEM_ADMIN -> api.adminToken();
          case TENANT_ADMIN -> tenantAdminToken;
          case EDITOR -> editorToken;
          case REVOKED -> revokedToken;
        };
    return client.raw(
        request.method(), request.path(), token, request.contentType(), request.body());
  }

  private static Case bad(String name, Request request, int status) {
    return new Case(name, request, status, null);
  }

  private static Case bad(String name, Request request, int status, Request proof) {
    return new Case(name, request, status, proof);
  }

  private static Request req(As as, String method, String path, String type, String body) {
    return new Request(as, method, path, type, body);
  }

  private static Request get(As as, String path) {
    return req(as, "GET", path, null, null);
  }

  private static Request delete(As as, String path) {
    return req(as, "DELETE", path, null, null);
  }

  private static Request post(As as, String path, String body) {
    return req(as, "POST", path, body == null ? null : JSON, body);
  }

  private static Request put(As as, String path, String body) {
    return req(as, "PUT", path, JSON, body);
  }

  private static Request patch(As as, String path, String body) {
    return req(as, "PATCH", path, JSON, body);
  }

  /**
   * A tenant administrator's creation of a role named {@code name} holding {@code permissions};
   * with none, a valid one that succeeds only if the name is free.
   */
  private static Request role(String name, String... permissions) {
    return post(
        As.TENANT_ADMIN, "/api/roles", json("name", name, "permissions", List.of(permissions)));
  }

  /** The system administrator's creation of a user, named "Someone". */
  private static Request user(String email, String password) {
    return post(
        As.SYSTEM_ADMIN,
        "/api/admin/users",
        json("email", email, "password", password, "displayName", "Someone"));
  }

  /** The system administrator's creation of a tenant. */
  private static Request tenant(String slug, String name) {
    return post(As.SYSTEM_ADMIN, "/api/admin/tenants", json("slug", slug, "name", name));
  }

  /** The system administrator's definition of a permission. */
  private static Request permission(String name, String description) {
    return post(
        As.SYSTEM_ADMIN, "/api/admin/permissions", json("name", name, "description", description));
  }
}
