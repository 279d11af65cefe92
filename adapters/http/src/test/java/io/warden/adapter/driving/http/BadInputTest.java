package io.warden.adapter.driving.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import io.warden.adapter.driving.http.ApiClient.Reply;
import io.warden.application.port.driving.Caller;
import io.warden.application.port.driving.OrganizationAdministrationUseCase;
import io.warden.domain.model.organization.OrganizationId;
import jakarta.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A table of bad requests, each answered with a 4xx problem+json that shows no stack trace and
 * changes nothing: the journal of changes, the roles and the members of both tenants are the same
 * before and after, and every fixture token still works.
 */
@ServerTest
class BadInputTest extends ApiTest {
  private static final TestWorld WORLD = new TestWorld();
  private static final int MIB = 1024 * 1024;

  BadInputTest(URI uri) {
    super(uri, WORLD);
  }

  @SetUpRoute
  static void routing(HttpRouting.Builder routing) {
    WardenHttp.routing(routing, WORLD.useCases());
  }

  /** One bad request and the status it must get; {@code check} looks at the problem further. */
  record Case(
      String name,
      String method,
      String path,
      String token,
      String contentType,
      Supplier<BodyPublisher> body,
      int status,
      String detailOrField) {
    @Override
    public String toString() {
      return name;
    }
  }

  static List<Case> cases() {
    String admin = WORLD.acmeAdminToken;
    String root = WORLD.rootToken;
    String role = "/api/roles/" + WORLD.acmeViewer.id();
    String assign = role + "/users/" + WORLD.acmeMember.id();
    String login = "/api/auth/login";
    List<Case> cases = new ArrayList<>();

    // malformed JSON and bodies that are not JSON objects
    cases.add(json("truncated JSON", "POST", login, null, "{\"email\":", 400, "body"));
    cases.add(json("JSON array body", "POST", login, null, "[]", 400, "body"));
    cases.add(json("JSON string body", "POST", login, null, "\"hi\"", 400, "body"));
    cases.add(
        json("trailing garbage", "POST", login, null, "{\"email\":\"a@b.c\"} x", 400, "body"));
    cases.add(json("two documents", "POST", login, null, "{}{}", 400, "body"));
    // Parsson refuses nesting past its limit with a bare RuntimeException, not a JsonException.
    String deep = "{\"email\":" + "[".repeat(5_000) + "]".repeat(5_000) + "}";
    cases.add(json("nested too deeply", "POST", login, null, deep, 400, "body"));
    cases.add(json("empty body", "POST", "/api/roles", admin, "", 400, "body"));
    cases.add(json("no body at all", "POST", "/api/roles", admin, null, 400, "body"));
    cases.add(
        new Case(
            "body not UTF-8",
            "POST",
            login,
            null,
            "application/json",
            () ->
                BodyPublishers.ofByteArray(new byte[] {'{', '"', (byte) 0xC3, '"', ':', '1', '}'}),
            400,
            "body"));

    // wrong JSON types and missing fields
    cases.add(
        json(
            "number for a string",
            "POST",
            login,
            null,
            "{\"email\":1,\"password\":\"x\"}",
            400,
            "email"));
    cases.add(
        json("missing password", "POST", login, null, "{\"email\":\"a@b.c\"}", 400, "password"));
    cases.add(
        json(
            "null for a required field",
            "POST",
            login,
            null,
            "{\"email\":null,\"password\":\"x\"}",
            400,
            "email"));
    cases.add(json("missing role name", "POST", "/api/roles", admin, "{}", 400, "name"));
    cases.add(
        json(
            "string for an array",
            "POST",
            "/api/roles",
            admin,
            "{\"name\":\"x\",\"permissions\":\"roles.view\"}",
            400,
            "permissions"));
    cases.add(
        json(
            "number in a string array",
            "POST",
            "/api/roles",
            admin,
            "{\"name\":\"x\",\"permissions\":[1]}",
            400,
            "permissions[0]"));
    cases.add(
        json(
            "unknown permission",
            "POST",
            "/api/roles",
            admin,
            "{\"name\":\"x\",\"permissions\":[\"no.such\"]}",
            400,
            "permissions"));
    cases.add(
        json("blank role name", "POST", "/api/roles", admin, "{\"name\":\"  \"}", 400, "name"));
    cases.add(
        json(
            "string for the included roles",
            "POST",
            "/api/roles",
            admin,
            "{\"name\":\"x\",\"includes\":\"" + WORLD.acmeViewer.id() + "\"}",
            400,
            "includes"));
    cases.add(
        json(
            "included role not a UUID",
            "POST",
            "/api/roles",
            admin,
            "{\"name\":\"x\",\"includes\":[\"not-a-uuid\"]}",
            400,
            "includes"));
    cases.add(
        json(
            "unknown included role",
            "POST",
            "/api/roles",
            admin,
            "{\"name\":\"x\",\"includes\":[\"" + java.util.UUID.randomUUID() + "\"]}",
            400,
            "includes"));
    cases.add(
        json(
            "a role including itself",
            "PUT",
            role,
            admin,
            "{\"includes\":[\"" + WORLD.acmeViewer.id() + "\"]}",
            400,
            "includes"));
    cases.add(json("object for a string", "PUT", role, admin, "{\"name\":{}}", 400, "name"));
    cases.add(
        json(
            "string for a boolean",
            "PATCH",
            "/api/admin/tenants/" + WORLD.acme.id(),
            root,
            "{\"active\":\"no\"}",
            400,
            "active"));
    cases.add(
        json(
            "weak password",
            "POST",
            "/api/admin/users",
            root,
            "{\"email\":\"w@x.test\",\"password\":\"short\",\"displayName\":\"W\"}",
            400,
            "password"));
    cases.add(
        json(
            "bad e-mail",
            "POST",
            "/api/admin/users",
            root,
            "{\"email\":\"not-an-email\",\"password\":\"long enough password\",\"displayName\":\"W\"}",
            400,
            "email"));
    cases.add(
        json(
            "bad permission name",
            "POST",
            "/api/admin/permissions",
            root,
            "{\"name\":\"Bad Name\",\"description\":\"d\"}",
            400,
            "name"));
    cases.add(
        json(
            "bad slug",
            "POST",
            "/api/admin/tenants",
            root,
            "{\"slug\":\"Not A Slug\",\"name\":\"n\"}",
            400,
            "slug"));
    cases.add(json("neither userId nor email", "POST", "/api/members", admin, "{}", 400, "userId"));
    cases.add(
        json(
            "both userId and email",
            "POST",
            "/api/members",
            admin,
            "{\"userId\":\"" + WORLD.inBoth.id() + "\",\"email\":\"bo@both.test\"}",
            400,
            "userId"));
    cases.add(
        json(
            "expiresAt not a timestamp",
            "POST",
            assign,
            admin,
            "{\"expiresAt\":\"tomorrow\"}",
            400,
            "expiresAt"));
    cases.add(
        json(
            "expiresAt without offset",
            "POST",
            assign,
            admin,
            "{\"expiresAt\":\"2099-01-01T00:00:00\"}",
            400,
            "expiresAt"));
    cases.add(
        json(
            "empty check batch",
            "POST",
            "/api/authz/check-batch",
            admin,
            "{\"checks\":[]}",
            400,
            "checks"));
    cases.add(
        json(
            "check batch of 101",
            "POST",
            "/api/authz/check-batch",
            admin,
            "{\"checks\":[" + repeat("{\"permission\":\"a\"}", 101) + "]}",
            400,
            "checks"));
    cases.add(
        json(
            "checks not an array",
            "POST",
            "/api/authz/check-batch",
            admin,
            "{\"checks\":{}}",
            400,
            "checks"));
    cases.add(
        json(
            "empty user id batch",
            "POST",
            "/api/authz/permissions/batch",
            admin,
            "{\"userIds\":[]}",
            400,
            "userIds"));
    cases.add(
        json(
            "user id batch of 1001",
            "POST",
            "/api/authz/permissions/batch",
            admin,
            "{\"userIds\":[" + repeat("\"" + WORLD.acmeAdmin.id() + "\"", 1001) + "]}",
            400,
            "userIds"));
    cases.add(
        json(
            "number as permission",
            "POST",
            "/api/authz/check",
            admin,
            "{\"permission\":5}",
            400,
            "permission"));

    // bad UUIDs in path, body and query
    cases.add(get("bad UUID in path", "/api/roles/not-a-uuid", admin, 400, "roleId"));
    cases.add(get("short UUID in path", "/api/roles/1-2-3-4-5", admin, 400, "roleId"));
    cases.add(
        json(
            "bad UUID in path of PUT",
            "PUT",
            "/api/roles/123",
            admin,
            "{\"name\":\"x\"}",
            400,
            "roleId"));
    cases.add(
        json(
            "bad user UUID in assign path",
            "POST",
            role + "/users/nope",
            admin,
            null,
            400,
            "userId"));
    cases.add(delete("bad UUID in member path", "/api/members/nope", admin, 400, "userId"));
    String sessions = "/api/auth/sessions/";
    cases.add(delete("short session id", sessions + "nope", admin, 400, "sessionId"));
    cases.add(delete("long session id", sessions + "A".repeat(23), admin, 400, "sessionId"));
    cases.add(
        delete(
            "session id not Base64url", sessions + "A".repeat(21) + "!", admin, 400, "sessionId"));
    cases.add(delete("session id of 2 kB", sessions + "A".repeat(2_000), admin, 400, "sessionId"));
    // Past the server's request-line limit: refused before routing, still as a problem.
    cases.add(delete("session id of 10 kB", sessions + "A".repeat(10_000), admin, 414, null));
    cases.add(delete("unknown session", sessions + "A".repeat(22), admin, 404, null));
    String globexSession = WORLD.warden.caller(WORLD.globexAdminToken).sessionId();
    cases.add(delete("another user's session", sessions + globexSession, admin, 404, null));
    cases.add(delete("sessions without a token", sessions + globexSession, null, 401, null));
    cases.add(get("session list without a token", "/api/auth/sessions", null, 401, null));
    cases.add(
        json(
            "bad UUID in invitation path",
            "POST",
            "/api/auth/invitations/nope/accept",
            admin,
            null,
            400,
            "invitationId"));
    cases.add(
        delete(
            "bad UUID in invitation path of DELETE",
            "/api/auth/invitations/nope",
            admin,
            400,
            "invitationId"));
    cases.add(
        get(
            "bad UUID in permissions path",
            "/api/authz/users/xyz/permissions",
            admin,
            400,
            "userId"));
    cases.add(
        json(
            "bad tenant UUID in admin path",
            "PATCH",
            "/api/admin/tenants/xyz",
            root,
            "{\"name\":\"n\"}",
            400,
            "tenantId"));
    cases.add(
        json(
            "bad user UUID in admin path",
            "PATCH",
            "/api/admin/users/xyz",
            root,
            "{\"displayName\":\"n\"}",
            400,
            "userId"));
    cases.add(
        json(
            "bad UUID in body",
            "POST",
            "/api/authz/check",
            admin,
            "{\"permission\":\"a\",\"userId\":\"nope\"}",
            400,
            "userId"));
    cases.add(
        json(
            "bad tenant UUID in body",
            "POST",
            "/api/auth/select-tenant",
            WORLD.inBothToken,
            "{\"tenantId\":\"nope\"}",
            400,
            "tenantId"));
    cases.add(
        json(
            "bad UUID in a batch",
            "POST",
            "/api/authz/permissions/batch",
            admin,
            "{\"userIds\":[\"" + WORLD.acmeAdmin.id() + "\",\"nope\"]}",
            400,
            "userIds[1]"));
    cases.add(
        json(
            "invitation to no e-mail address",
            "POST",
            "/api/members",
            admin,
            "{\"email\":\"not-mail\"}",
            400,
            "email"));
    cases.add(
        json(
            "invitation roleIds not an array",
            "POST",
            "/api/members",
            admin,
            "{\"email\":\"a@acme.test\",\"roleIds\":\"x\"}",
            400,
            "roleIds"));
    cases.add(
        json(
            "invitation with a bad role UUID",
            "POST",
            "/api/members",
            admin,
            "{\"email\":\"a@acme.test\",\"roleIds\":[\"nope\"]}",
            400,
            "roleIds[0]"));
    cases.add(
        json(
            "invitation naming an unknown role",
            "POST",
            "/api/members",
            admin,
            "{\"email\":\"a@acme.test\",\"roleIds\":[\"" + UUID.randomUUID() + "\"]}",
            400,
            "roleIds"));
    cases.add(
        json(
            "roleIds with userId",
            "POST",
            "/api/members",
            root,
            "{\"userId\":\"" + WORLD.inBoth.id() + "\",\"roleIds\":[]}",
            400,
            "roleIds"));
    cases.add(
        json(
            "bad member UUID in body",
            "POST",
            "/api/members",
            admin,
            "{\"userId\":\"nope\"}",
            400,
            "userId"));
    cases.add(
        get(
            "bad UUID in query",
            "/api/authz/explain?permission=a&userId=nope",
            admin,
            400,
            "userId"));
    cases.add(get("missing query parameter", "/api/authz/explain", admin, 400, "permission"));
    cases.add(get("limit zero", "/api/members?limit=0", admin, 400, "limit"));
    cases.add(get("limit over 500", "/api/members?limit=501", admin, 400, "limit"));
    cases.add(get("limit not a number", "/api/members?limit=ten", admin, 400, "limit"));
    cases.add(get("limit negative", "/api/members?limit=-1", admin, 400, "limit"));
    cases.add(get("limit twice", "/api/members?limit=1&limit=2", admin, 400, "limit"));
    cases.add(get("forged cursor", "/api/members?cursor=forged", admin, 400, "cursor"));
    // the audit trail's filters and paging
    String audit = "/api/audit";
    cases.add(get("audit limit zero", audit + "?limit=0", admin, 400, "limit"));
    cases.add(get("audit limit over 500", audit + "?limit=501", admin, 400, "limit"));
    cases.add(get("audit limit not a number", audit + "?limit=many", admin, 400, "limit"));
    cases.add(get("audit forged cursor", audit + "?cursor=forged", admin, 400, "cursor"));
    cases.add(
        get(
            "audit cursor of another list",
            audit + "?cursor=" + encoded(UUID.randomUUID().toString()),
            admin,
            400,
            "cursor"));
    cases.add(
        get("audit overlong cursor", audit + "?cursor=" + "a".repeat(600), admin, 400, "cursor"));
    cases.add(get("audit bad tenantId", audit + "?tenantId=acme", root, 400, "tenantId"));
    cases.add(get("audit bad actorId", audit + "?actorId=1-2-3", admin, 400, "actorId"));
    cases.add(get("audit since not a time", audit + "?since=yesterday", admin, 400, "since"));
    cases.add(
        get(
            "audit until without offset",
            audit + "?until=2026-01-01T00:00:00",
            admin,
            400,
            "until"));
    cases.add(
        get(
            "audit until before since",
            audit + "?since=2026-02-01T00:00:00Z&until=2026-01-01T00:00:00Z",
            admin,
            400,
            "until"));
    cases.add(
        get("audit action not an action", audit + "?action=DROP%20TABLE", admin, 400, "action"));
    cases.add(get("audit action twice", audit + "?action=a.b&action=c.d", admin, 400, "action"));
    cases.add(get("audit without a token", audit, null, 401, null));
    cases.add(get("audit without audit.view", audit, WORLD.acmeMemberToken, 403, null));
    cases.add(get("audit of a tenant-less token", audit, WORLD.inBothToken, 403, null));
    cases.add(
        get(
            "audit of another tenant",
            audit + "?tenantId=" + WORLD.globex.id(),
            admin,
            403,
            "only a system administrator may read another tenant's audit trail"));
    // the other paged lists: the same limit and cursor rules, and a bounded prefix search
    for (String list : List.of("/api/admin/tenants", "/api/admin/users", "/api/roles")) {
      String token = list.startsWith("/api/admin") ? root : admin;
      cases.add(get(list + " limit zero", list + "?limit=0", token, 400, "limit"));
      cases.add(get(list + " limit over 500", list + "?limit=501", token, 400, "limit"));
      cases.add(get(list + " limit not a number", list + "?limit=ten", token, 400, "limit"));
      cases.add(get(list + " limit twice", list + "?limit=1&limit=2", token, 400, "limit"));
      cases.add(get(list + " forged cursor", list + "?cursor=forged", token, 400, "cursor"));
      cases.add(
          get(
              list + " cursor of an id that is not one",
              list + "?cursor=bm9wZQ",
              token,
              400,
              "cursor"));
      cases.add(
          get(
              list + " over-long cursor",
              list + "?cursor=" + "x".repeat(600),
              token,
              400,
              "cursor"));
    }
    cases.add(
        get("over-long tenant search", "/api/admin/tenants?q=" + "a".repeat(201), root, 400, "q"));
    cases.add(
        get("over-long user search", "/api/admin/users?q=" + "a".repeat(201), root, 400, "q"));
    cases.add(get("search in roles", "/api/roles?limit=5&q=adm", admin, 400, "q"));
    cases.add(get("q given twice", "/api/admin/users?q=a&q=b", root, 400, "q"));

    // media type and size
    cases.add(
        new Case(
            "text/plain body",
            "POST",
            login,
            null,
            "text/plain",
            () -> BodyPublishers.ofString("{}"),
            415,
            null));
    cases.add(
        new Case(
            "form body",
            "POST",
            "/api/roles",
            admin,
            "application/x-www-form-urlencoded",
            () -> BodyPublishers.ofString("name=x"),
            415,
            null));
    cases.add(
        new Case(
            "JSON in another charset",
            "POST",
            "/api/roles",
            admin,
            "application/json; charset=ISO-8859-1",
            () -> BodyPublishers.ofString("{\"name\":\"x\"}"),
            415,
            null));
    cases.add(
        new Case(
            "text body on assign",
            "POST",
            assign,
            admin,
            "text/plain",
            () -> BodyPublishers.ofString("soon"),
            415,
            null));
    cases.add(
        new Case(
            "body over 1 MiB with Content-Length",
            "POST",
            "/api/roles",
            admin,
            "application/json",
            () -> BodyPublishers.ofByteArray(oversized()),
            413,
            null));
    cases.add(
        new Case(
            "body over 1 MiB chunked",
            "POST",
            "/api/roles",
            admin,
            "application/json",
            () -> BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(oversized())),
            413,
            null));

    // unknown paths and wrong methods
    cases.add(get("unknown path", "/nope", null, 404, null));
    cases.add(get("unknown API path", "/api/nope", admin, 404, null));
    cases.add(
        get("unknown nested path", "/api/roles/" + UUID.randomUUID() + "/nope", admin, 404, null));
    cases.add(delete("wrong method on /api/me", "/api/me", admin, 405, null));
    cases.add(json("wrong method on /ping", "PUT", "/ping", null, "{}", 405, null));
    cases.add(get("wrong method on login", login, null, 405, null));
    cases.add(json("wrong method on a role", "PATCH", role, admin, "{}", 405, null));

    // credentials
    cases.add(get("no Authorization header", "/api/me", null, 401, null));
    cases.add(get("empty bearer", "/api/me", "raw:Bearer ", 401, null));
    cases.add(get("scheme only", "/api/me", "raw:Bearer", 401, null));
    cases.add(get("basic scheme", "/api/me", "raw:Basic YWxhZGRpbjpvcGVuc2VzYW1l", 401, null));
    cases.add(get("two tokens", "/api/me", "raw:Bearer a b", 401, null));
    cases.add(get("not a token", "/api/me", "raw:Bearer <script>", 401, null));
    cases.add(get("unknown token", "/api/me", "fake-token." + UUID.randomUUID(), 401, null));
    cases.add(get("expired token", "/api/me", WORLD.expiredToken, 401, null));
    cases.add(get("revoked token", "/api/me", WORLD.revokedToken, 401, null));
    cases.add(
        json("token on a change", "POST", "/api/roles", "garbage", "{\"name\":\"x\"}", 401, null));
    cases.add(
        json(
            "bad credentials",
            "POST",
            login,
            null,
            "{\"email\":\"ada@acme.test\",\"password\":\"guess guess guess\"}",
            401,
            null));
    cases.add(
        json(
            "unknown user",
            "POST",
            login,
            null,
            "{\"email\":\"nobody@acme.test\",\"password\":\"guess guess guess\"}",
            401,
            null));
    cases.add(
        json(
            "forged refresh token",
            "POST",
            "/api/auth/refresh",
            null,
            "{\"refreshToken\":\"forged\"}",
            401,
            null));

    // authenticated but not allowed
    cases.add(get("tenant-less token", "/api/roles", WORLD.inBothToken, 403, null));
    cases.add(
        json(
            "member without roles.edit",
            "POST",
            "/api/roles",
            WORLD.acmeMemberToken,
            "{\"name\":\"x\"}",
            403,
            null));
    cases.add(
        json(
            "tenant admin on system admin",
            "POST",
            "/api/admin/permissions",
            admin,
            "{\"name\":\"x.y\",\"description\":\"d\"}",
            403,
            null));

    // privilege escalation: a roles.edit / roles.assign holder handing out what it lacks
    String editor = WORLD.acmeEditorToken;
    String adminRole = "/api/roles/" + WORLD.acmeAdminRole.id();
    cases.add(
        json(
            "create a role with a permission one lacks",
            "POST",
            "/api/roles",
            editor,
            "{\"name\":\"x\",\"permissions\":[\"users.view\",\"users.manage\",\"cache.manage\"]}",
            403,
            "you cannot grant permissions you do not hold: cache.manage, users.manage"
                + " (or hold roles.escalate)"));
    cases.add(
        json(
            "put a permission one lacks into a role",
            "PUT",
            role,
            editor,
            "{\"permissions\":[\"roles.view\",\"metrics.view\"]}",
            403,
            "you cannot grant permissions you do not hold: metrics.view (or hold roles.escalate)"));
    cases.add(
        json(
            "grant a permission one lacks",
            "POST",
            role + "/permissions/users.manage",
            editor,
            null,
            403,
            "you cannot grant permissions you do not hold: users.manage (or hold roles.escalate)"));
    String lacking =
        "you cannot grant permissions you do not hold: audit.view, authz.check, cache.manage,"
            + " metrics.view, orgs.manage, orgs.view, roles.bind, roles.escalate, users.manage"
            + " (or hold roles.bind)";
    cases.add(
        json(
            "assign the admin role to oneself",
            "POST",
            adminRole + "/users/" + WORLD.acmeEditor.id(),
            editor,
            null,
            403,
            lacking));
    cases.add(
        json(
            "assign the admin role to another",
            "POST",
            adminRole + "/users/" + WORLD.acmeMember.id(),
            editor,
            "{\"expiresAt\":\"2099-01-01T00:00:00Z\"}",
            403,
            lacking));
    // organizations: a small tree of acme (root > child), and one of globex
    Caller acmeCaller = WORLD.warden.loginTo(WORLD.acme, WORLD.acmeAdmin.email().value());
    Caller globexCaller = WORLD.warden.loginTo(WORLD.globex, WORLD.globexAdmin.email().value());
    OrganizationAdministrationUseCase orgs = WORLD.useCases().organizationAdministration();
    String orgRoot = orgs.create(acmeCaller, "bad-input root", Optional.empty()).id().toString();
    String orgChild =
        orgs.create(
                acmeCaller,
                "bad-input child",
                Optional.of(OrganizationId.parse(orgRoot, "parentId")))
            .id()
            .toString();
    String globexOrg = orgs.create(globexCaller, "globex org", Optional.empty()).id().toString();
    String orgsPath = "/api/organizations";
    cases.add(json("missing organization name", "POST", orgsPath, admin, "{}", 400, "name"));
    cases.add(
        json("blank organization name", "POST", orgsPath, admin, "{\"name\":\" \"}", 400, "name"));
    cases.add(
        json(
            "organization name too long",
            "POST",
            orgsPath,
            admin,
            "{\"name\":\"" + "x".repeat(201) + "\"}",
            400,
            "name"));
    cases.add(
        json(
            "bad parent UUID",
            "POST",
            orgsPath,
            admin,
            "{\"name\":\"n\",\"parentId\":\"nope\"}",
            400,
            "parentId"));
    cases.add(
        json(
            "unknown parent",
            "POST",
            orgsPath,
            admin,
            "{\"name\":\"n\",\"parentId\":\"" + UUID.randomUUID() + "\"}",
            400,
            "parentId"));
    cases.add(
        json(
            "another tenant's organization as parent",
            "POST",
            orgsPath,
            admin,
            "{\"name\":\"n\",\"parentId\":\"" + globexOrg + "\"}",
            400,
            "parentId"));
    cases.add(
        json(
            "moving an organization under its child",
            "PATCH",
            orgsPath + "/" + orgRoot,
            admin,
            "{\"parentId\":\"" + orgChild + "\"}",
            400,
            "parentId"));
    cases.add(
        json(
            "an organization as its own parent",
            "PATCH",
            orgsPath + "/" + orgRoot,
            admin,
            "{\"parentId\":\"" + orgRoot + "\"}",
            400,
            "parentId"));
    cases.add(
        json(
            "number for an organization name",
            "PATCH",
            orgsPath + "/" + orgRoot,
            admin,
            "{\"name\":3}",
            400,
            "name"));
    cases.add(
        json(
            "bad UUID in organization path",
            "PATCH",
            orgsPath + "/xyz",
            admin,
            "{\"name\":\"n\"}",
            400,
            "organizationId"));
    cases.add(
        json(
            "another tenant's organization",
            "PATCH",
            orgsPath + "/" + globexOrg,
            admin,
            "{\"name\":\"mine now\"}",
            404,
            null));
    cases.add(
        delete(
            "delete another tenant's organization", orgsPath + "/" + globexOrg, admin, 404, null));
    cases.add(
        delete("bad UUID in organization delete", orgsPath + "/1", admin, 400, "organizationId"));
    cases.add(
        json(
            "bad user UUID in organization member path",
            "POST",
            orgsPath + "/" + orgRoot + "/members/zzz",
            admin,
            null,
            400,
            "userId"));
    cases.add(
        json(
            "another tenant's member into an organization",
            "POST",
            orgsPath + "/" + orgRoot + "/members/" + WORLD.globexAdmin.id(),
            admin,
            null,
            404,
            null));
    cases.add(
        json(
            "a member into another tenant's organization",
            "POST",
            orgsPath + "/" + globexOrg + "/members/" + WORLD.acmeMember.id(),
            admin,
            null,
            404,
            null));
    cases.add(
        json(
            "organizations without orgs.manage",
            "POST",
            orgsPath,
            WORLD.acmeMemberToken,
            "{\"name\":\"n\"}",
            403,
            null));
    cases.add(get("organizations without orgs.view", orgsPath, WORLD.acmeMemberToken, 403, null));

    return cases;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void is_answered_with_a_problem_and_changes_nothing(Case c) {
    String before = WORLD.snapshot(api);

    Reply reply = api.send(c.method(), c.path(), c.token(), c.contentType(), c.body().get());

    JsonObject problem = Problems.assertProblem(reply, c.status());
    assertThat(reply.header("X-Content-Type-Options")).contains("nosniff");
    if (c.status() == 400 && c.detailOrField() != null) {
      assertThat(problem.getJsonArray("errors").getJsonObject(0).getString("field"))
          .isEqualTo(c.detailOrField());
    }
    if (c.status() == 403 && c.detailOrField() != null) {
      assertThat(problem.getString("detail")).isEqualTo(c.detailOrField());
    }
    if (c.status() == 401) {
      assertThat(reply.header("WWW-Authenticate")).contains("Bearer");
    }
    if (c.status() == 405) {
      assertThat(reply.header("Allow")).isPresent();
      assertThat(reply.header("Allow").orElseThrow()).doesNotContain(c.method());
    }
    assertThat(WORLD.snapshot(api)).as("state after %s", c).isEqualTo(before);
  }

  private static byte[] oversized() {
    byte[] body = new byte[MIB + 16];
    Arrays.fill(body, (byte) ' ');
    byte[] start = "{\"name\":\"big\",\"description\":\"".getBytes(StandardCharsets.UTF_8);
    System.arraycopy(start, 0, body, 0, start.length);
    body[body.length - 2] = '"';
    body[body.length - 1] = '}';
    return body;
  }

  private static String encoded(String text) {
    return java.util.Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  private static String repeat(String item, int times) {
    return IntStream.range(0, times).mapToObj(i -> item).collect(Collectors.joining(","));
  }

  private static Case json(
      String name,
      String method,
      String path,
      String token,
      String body,
      int status,
      String field) {
    return body == null
        ? new Case(name, method, path, token, null, BodyPublishers::noBody, status, field)
        : new Case(
            name,
            method,
            path,
            token,
            "application/json",
            () -> BodyPublishers.ofString(body),
            status,
            field);
  }

  private static Case get(String name, String path, String token, int status, String field) {
    return new Case(name, "GET", path, token, null, BodyPublishers::noBody, status, field);
  }

  private static Case delete(String name, String path, String token, int status, String field) {
    return new Case(name, "DELETE", path, token, null, BodyPublishers::noBody, status, field);
  }
}
