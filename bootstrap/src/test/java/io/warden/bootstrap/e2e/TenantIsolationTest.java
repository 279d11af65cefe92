package io.warden.bootstrap.e2e;

import static io.warden.bootstrap.e2e.WardenApi.assertProblem;
import static io.warden.bootstrap.e2e.WardenApi.claims;
import static io.warden.bootstrap.e2e.WardenApi.expect;
import static io.warden.bootstrap.e2e.WardenApi.field;
import static io.warden.bootstrap.e2e.WardenApi.header;
import static io.warden.bootstrap.e2e.WardenApi.json;
import static io.warden.bootstrap.e2e.WardenApi.strings;
import static org.assertj.core.api.Assertions.assertThat;

import io.warden.bootstrap.e2e.WardenApi.Account;
import io.warden.bootstrap.testing.WardenClient;
import io.warden.bootstrap.testing.WardenClient.Response;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Tries to break tenant isolation from the outside: a tenant A administrator naming tenant B's
 * roles, users and memberships in every route, tokens without a tenant on tenant routes, and forged
 * tokens. Tenant B is read back through its own administrator after every attempt.
 */
class TenantIsolationTest extends OneWardenTest {
  private String tenantA;
  private String tenantB;
  private Account adminA;
  private Account memberA;
  private Account adminB;
  private Account memberB;
  private Account both;
  private String tokenA;
  private String tokenB;
  private String roleA;
  private String roleB;
  private String adminRoleB;

  @BeforeAll
  void start() {
    api.createPermission("documents.read");
    api.createPermission("documents.write");

    tenantA = api.createTenant("tenant-a").getString("id");
    tenantB = api.createTenant("tenant-b").getString("id");
    adminA = api.member(tenantA, "admin-a", "admin");
    memberA = api.member(tenantA, "member-a");
    adminB = api.member(tenantB, "admin-b", "admin");
    memberB = api.member(tenantB, "member-b");
    // A member of both: administrator in B, nothing in A.
    both = api.createUser("both");
    api.addMember(tenantA, both);
    api.addMember(tenantB, both, "admin");

    tokenA = api.token(adminA);
    tokenB = api.token(adminB);
    assertThat(claims(tokenA).getString("tid")).isEqualTo(tenantA);
    assertThat(claims(tokenB).getString("tid")).isEqualTo(tenantB);
    roleA = api.createRole(tokenA, "editor", "documents.write").getString("id");
    roleB = api.createRole(tokenB, "reader", "documents.read").getString("id");
    adminRoleB = api.roleId(tokenB, "admin");
    api.assign(tokenB, roleB, memberB.id());
  }

  /** One attempt: a method, a path template and an optional JSON body. */
  private record Attempt(String method, String path, String body) {
    Response send(WardenClient client, String token, Map<String, String> ids) {
      String resolved = path;
      String payload = body;
      for (var id : ids.entrySet()) {
        resolved = resolved.replace("{" + id.getKey() + "}", id.getValue());
        payload = payload == null ? null : payload.replace("{" + id.getKey() + "}", id.getValue());
      }
      return client.raw(
          method, resolved, token, payload == null ? null : "application/json", payload);
    }

    @Override
    public String toString() {
      return method + " " + path + (body == null ? "" : " " + body);
    }
  }

  private static Attempt attempt(String method, String path) {
    return new Attempt(method, path, null);
  }

  private static Attempt attempt(String method, String path, String body) {
    return new Attempt(method, path, body);
  }

  @Test
  void every_route_naming_another_tenants_role_user_or_membership_answers_404_as_for_nothing() {
    String bBefore = snapshotOfB();
    List<Attempt> attempts =
        List.of(
            attempt("GET", "/api/roles/{roleB}"),
            attempt("PUT", "/api/roles/{roleB}", json("name", "pwned")),
            attempt("PUT", "/api/roles/{roleB}", json("permissions", List.of("users.manage"))),
            attempt("DELETE", "/api/roles/{roleB}"),
            attempt("POST", "/api/roles/{roleB}/permissions/users.manage"),
            attempt("DELETE", "/api/roles/{roleB}/permissions/documents.read"),
            attempt("POST", "/api/roles/{roleB}/users/{memberB}"),
            attempt("DELETE", "/api/roles/{roleB}/users/{memberB}"),
            attempt("POST", "/api/roles/{roleB}/users/{adminA}"),
            attempt("GET", "/api/roles/{adminRoleB}"),
            attempt("PUT", "/api/roles/{adminRoleB}", json("permissions", List.of())),
            attempt("DELETE", "/api/roles/{adminRoleB}"),
            attempt("DELETE", "/api/roles/{adminRoleB}/permissions/users.view"),
            attempt("POST", "/api/roles/{adminRoleB}/users/{adminA}"),
            attempt("DELETE", "/api/roles/{adminRoleB}/users/{adminB}"),
            attempt("POST", "/api/roles/{roleA}/users/{memberB}"),
            attempt(
                "POST",
                "/api/roles/{roleA}/users/{memberB}",
                json("expiresAt", "2999-01-01T00:00:00Z")),
            attempt("DELETE", "/api/members/{memberB}"),
            attempt("DELETE", "/api/members/{adminB}"));
    Map<String, String> real = ids();

    for (Attempt attempt : attempts) {
      JsonObject foreign = assertProblem(attempt.send(client, tokenA, real), 404);
      // The same route with ids that exist nowhere: the same answer, so nothing leaks.
      Map<String, String> made = new java.util.HashMap<>(real);
      made.replaceAll((name, id) -> name.endsWith("A") ? id : UUID.randomUUID().toString());
      JsonObject nowhere = assertProblem(attempt.send(client, tokenA, made), 404);
      assertThat(foreign).as("%s", attempt).isEqualTo(nowhere);
    }

    assertThat(snapshotOfB()).isEqualTo(bBefore);
    // Tenant A's own role did not pick up B's member either.
    JsonObject membersA = expect(client.get("/api/members?limit=500", tokenA), 200).json();
    assertThat(field(membersA.getJsonArray("items"), "userId"))
        .containsExactlyInAnyOrder(adminA.id(), memberA.id(), both.id());
  }

  @Test
  void a_token_of_tenant_a_reads_no_permission_of_tenant_b_users() {
    String bBefore = snapshotOfB();
    // B's member holds documents.read in B: asked from A, it is not held.
    assertThat(api.check(tokenB, "documents.read", memberB.id())).isTrue();
    assertThat(api.check(tokenA, "documents.read", memberB.id())).isFalse();
    assertThat(api.check(tokenA, "users.manage", adminB.id())).isFalse();

    JsonObject batch =
        expect(
                client.post(
                    "/api/authz/check-batch",
                    tokenA,
                    json(
                        "checks",
                        List.of(
                            Json.createObjectBuilder()
                                .add("permission", "documents.read")
                                .add("userId", memberB.id())
                                .build(),
                            Json.createObjectBuilder()
                                .add("permission", "roles.edit")
                                .add("userId", adminB.id())
                                .build()))),
                200)
            .json();
    for (JsonValue result : batch.getJsonArray("results")) {
      assertThat(result.asJsonObject().getBoolean("allowed")).as("%s", result).isFalse();
    }

    Response explain =
        client.get("/api/authz/explain?permission=documents.read&userId=" + memberB.id(), tokenA);
    if (explain.status() == 200) {
      assertThat(explain.json().getBoolean("allowed")).isFalse();
      assertThat(explain.json().getJsonArray("grantedBy")).isEmpty();
    } else {
      assertProblem(explain, 404);
    }

    Response permissions = client.get("/api/authz/users/" + memberB.id() + "/permissions", tokenA);
    if (permissions.status() == 200) {
      assertThat(permissions.json().getJsonArray("permissions")).isEmpty();
    } else {
      assertProblem(permissions, 404);
    }

    JsonObject byUser =
        expect(
                client.post(
                    "/api/authz/permissions/batch",
                    tokenA,
                    json("userIds", List.of(memberB.id(), adminB.id(), adminA.id()))),
                200)
            .json()
            .getJsonObject("permissions");
    assertThat(byUser.getJsonArray(memberB.id())).isEmpty();
    assertThat(byUser.getJsonArray(adminB.id())).isEmpty();
    assertThat(byUser.getJsonArray(adminA.id())).isNotEmpty();

    // Lists of A show nothing of B.
    assertThat(field(expect(client.get("/api/roles", tokenA), 200).jsonArray(), "id"))
        .doesNotContain(roleB, adminRoleB);
    assertThat(
            field(
                expect(client.get("/api/members?limit=500", tokenA), 200)
                    .json()
                    .getJsonArray("items"),
                "userId"))
        .doesNotContain(memberB.id(), adminB.id());
    assertThat(snapshotOfB()).isEqualTo(bBefore);
  }

  @Test
  void roles_held_in_one_tenant_grant_nothing_in_another() {
    // "both" administers B; scoped to A, where they hold no role, they may do nothing.
    JsonObject login = api.login(both);
    String tenantless = login.getString("accessToken");
    String inA = client.select(tenantless, tenantA);
    String inB = client.select(tenantless, tenantB);

    assertThat(api.check(inB, "roles.edit")).isTrue();
    assertThat(api.check(inA, "roles.edit")).isFalse();
    assertThat(strings(expect(client.get("/api/me", inA), 200).json().getJsonArray("permissions")))
        .isEmpty();
    assertProblem(client.get("/api/roles", inA), 403);
    assertProblem(client.get("/api/members", inA), 403);
    assertProblem(client.post("/api/roles", inA, json("name", "x", "permissions", List.of())), 403);
    assertProblem(api.postEmpty("/api/roles/" + roleA + "/users/" + both.id(), inA), 403);
    // Naming B's role from A is refused as any role would be: they lack roles.view in A.
    assertProblem(client.get("/api/roles/" + roleB, inA), 403);
    expect(client.get("/api/roles/" + roleB, inB), 200);
  }

  @Test
  void a_token_without_a_tenant_is_refused_403_on_every_tenant_route() {
    String bBefore = snapshotOfB();
    String tenantless = api.login(both).getString("accessToken");
    assertThat(claims(tenantless)).doesNotContainKey("tid");
    List<Attempt> attempts =
        List.of(
            attempt("GET", "/api/me"),
            attempt("GET", "/api/roles"),
            attempt("POST", "/api/roles", json("name", "sneaky", "permissions", List.of())),
            attempt("GET", "/api/roles/{roleB}"),
            attempt("PUT", "/api/roles/{roleB}", json("name", "pwned")),
            attempt("DELETE", "/api/roles/{roleB}"),
            attempt("POST", "/api/roles/{roleB}/permissions/users.manage"),
            attempt("DELETE", "/api/roles/{roleB}/permissions/documents.read"),
            attempt("POST", "/api/roles/{adminRoleB}/users/{memberB}"),
            attempt("DELETE", "/api/roles/{roleB}/users/{memberB}"),
            attempt("GET", "/api/members"),
            attempt("POST", "/api/members", json("userId", "{memberA}")),
            attempt("POST", "/api/members", json("email", "invitee@e2e.test")),
            attempt("DELETE", "/api/members/{memberB}"),
            attempt("POST", "/api/authz/check", json("permission", "documents.read")),
            attempt(
                "POST",
                "/api/authz/check",
                json("permission", "documents.read", "userId", "{memberB}")),
            attempt(
                "POST",
                "/api/authz/check-batch",
                "{\"checks\":[{\"permission\":\"documents.read\"}]}"),
            attempt("GET", "/api/authz/users/{memberB}/permissions"),
            attempt("POST", "/api/authz/permissions/batch", json("userIds", List.of("{memberB}"))),
            attempt("GET", "/api/authz/explain?permission=documents.read"));
    Map<String, String> ids = ids();
    for (Attempt attempt : attempts) {
      assertProblem(attempt.send(client, tenantless, ids), 403);
    }
    assertThat(snapshotOfB()).isEqualTo(bBefore);
  }

  @Test
  void a_tenant_administrator_is_no_system_administrator_whatever_the_ids() {
    String bBefore = snapshotOfB();
    String random = UUID.randomUUID().toString();
    for (String tenant : List.of(tenantB, random)) {
      assertProblem(
          client.post(
              "/api/admin/tenants/" + tenant + "/members",
              tokenA,
              json("userId", adminA.id(), "roles", List.of("admin"))),
          403);
      assertProblem(
          client.patch("/api/admin/tenants/" + tenant, tokenA, json("active", false)), 403);
      assertProblem(client.post("/api/auth/select-tenant", tokenA, json("tenantId", tenant)), 403);
    }
    for (String user : List.of(adminB.id(), random)) {
      assertProblem(
          client.patch("/api/admin/users/" + user, tokenA, json("password", "taken-over-now!")),
          403);
    }
    assertProblem(
        client.post(
            "/api/admin/users",
            tokenA,
            json(
                "email",
                "root@e2e.test",
                "password",
                "long-enough-password",
                "displayName",
                "Root",
                "systemAdmin",
                true)),
        403);
    assertProblem(client.delete("/api/admin/permissions/documents.read", tokenA), 403);
    assertThat(snapshotOfB()).isEqualTo(bBefore);
    expect(client.get("/api/me", api.token(adminB)), 200);
  }

  @Test
  void forged_tokens_are_refused_401() throws GeneralSecurityException {
    String genuine = tokenA;
    expect(client.get("/api/roles", genuine), 200);
    String[] parts = genuine.split("\\.");
    JsonObject header = header(genuine);
    JsonObject claims = claims(genuine);
    String kid = header.getString("kid");
    String systemAdminId =
        claims(api.adminToken()).getString("sub"); // the most valuable identity to steal

    List<String> forged = new ArrayList<>();
    // The payload rewritten for another tenant, another user, a system administrator; the
    // signature kept.
    forged.add(withPayload(parts, with(claims, "tid", tenantB)));
    forged.add(withPayload(parts, with(with(claims, "sub", adminB.id()), "tid", tenantB)));
    forged.add(withPayload(parts, without(with(claims, "sub", systemAdminId), "tid")));
    forged.add(
        withPayload(parts, with(claims, "exp", claims.getJsonNumber("exp").longValue() + 1)));
    // alg none, with and without a signature.
    JsonObject none =
        Json.createObjectBuilder().add("alg", "none").add("typ", "JWT").add("kid", kid).build();
    JsonObject stolen = with(claims, "tid", tenantB);
    forged.add(encode(none) + "." + encode(stolen) + ".");
    forged.add(encode(none) + "." + encode(stolen) + "." + parts[2]);
    forged.add(encode(none) + "." + encode(stolen));
    // Re-signed with a key of our own under the server's kid.
    forged.add(signEs256(with(header, "kid", kid), stolen));
    forged.add(signEs256(with(header, "kid", "attacker"), stolen));
    // HS256 keyed with the published JWK Set (the algorithm confusion attack).
    String jwks = client.get("/.well-known/jwks.json", null).body();
    JsonObject hs = Json.createObjectBuilder().add("alg", "HS256").add("kid", kid).build();
    forged.add(signHs256(hs, stolen, jwks.getBytes(StandardCharsets.UTF_8)));
    // Garbage of every shape.
    forged.add(parts[0] + "." + parts[1] + "." + encode("x".repeat(64).getBytes()));
    forged.add(parts[0] + "." + parts[1]);
    forged.add("abc.def.ghi");
    forged.add("not-a-jwt");

    for (String token : forged) {
      Response answer = client.get("/api/roles", token);
      assertProblem(answer, 401);
      assertThat(answer.header("WWW-Authenticate")).as(token).isPresent();
      assertProblem(client.get("/api/roles/" + roleB, token), 401);
    }
    // The genuine token still works: the refusals were about the forgeries.
    expect(client.get("/api/roles", genuine), 200);
  }

  /**
   * The ids the attempts' placeholders stand for: {@code {roleB}} is tenant B's role, and so on.
   */
  private Map<String, String> ids() {
    return Map.of(
        "roleA",
        roleA,
        "roleB",
        roleB,
        "adminRoleB",
        adminRoleB,
        "memberA",
        memberA.id(),
        "memberB",
        memberB.id(),
        "adminA",
        adminA.id(),
        "adminB",
        adminB.id());
  }

  /** B's roles, members (with their roles) and the permissions of its member, read by B. */
  private String snapshotOfB() {
    String roles = expect(client.get("/api/roles", tokenB), 200).body();
    String members = expect(client.get("/api/members?limit=500", tokenB), 200).body();
    String permissions =
        expect(client.get("/api/authz/users/" + memberB.id() + "/permissions", tokenB), 200).body();
    return roles + "\n" + members + "\n" + permissions;
  }

  private static JsonObject with(JsonObject object, String name, String value) {
    return Json.createObjectBuilder(object).add(name, value).build();
  }

  private static JsonObject with(JsonObject object, String name, long value) {
    return Json.createObjectBuilder(object).add(name, value).build();
  }

  private static JsonObject without(JsonObject object, String name) {
    return Json.createObjectBuilder(object).remove(name).build();
  }

  private static String withPayload(String[] parts, JsonObject claims) {
    return parts[0] + "." + encode(claims) + "." + parts[2];
  }

  private static String encode(JsonObject json) {
    return encode(json.toString().getBytes(StandardCharsets.UTF_8));
  }

  private static String encode(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static String signEs256(JsonObject header, JsonObject claims)
      throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair keys = generator.generateKeyPair();
    String input = encode(with(header, "alg", "ES256")) + "." + encode(claims);
    Signature signature = Signature.getInstance("SHA256withECDSAinP1363Format");
    signature.initSign(keys.getPrivate());
    signature.update(input.getBytes(StandardCharsets.US_ASCII));
    return input + "." + encode(signature.sign());
  }

  private static String signHs256(JsonObject header, JsonObject claims, byte[] secret)
      throws GeneralSecurityException {
    String input = encode(header) + "." + encode(claims);
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret, "HmacSHA256"));
    return input + "." + encode(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
  }
}
