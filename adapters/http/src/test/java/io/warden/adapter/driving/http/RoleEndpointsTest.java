package io.warden.adapter.driving.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import io.warden.adapter.driving.http.ApiClient.Reply;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Roles, grants and assignments through the production routing. */
@ServerTest
class RoleEndpointsTest extends ApiTest {
  private static final TestWorld WORLD = new TestWorld();

  RoleEndpointsTest(URI uri) {
    super(uri, WORLD);
  }

  @SetUpRoute
  static void routing(HttpRouting.Builder routing) {
    WardenHttp.routing(routing, WORLD.useCases());
  }

  @Test
  void list_shows_every_role_of_the_tenant() {
    Reply reply = api.get("/api/roles", WORLD.acmeAdminToken);

    assertThat(reply.status()).isEqualTo(200);
    JsonObject admin =
        reply.array().stream()
            .map(JsonValue::asJsonObject)
            .filter(r -> r.getString("name").equals("admin"))
            .findFirst()
            .orElseThrow();
    assertThat(admin.keySet())
        .containsExactlyInAnyOrder(
            "id", "name", "description", "system", "permissions", "includes");
    assertThat(admin.getJsonArray("includes")).isEmpty();
    assertThat(admin).containsEntry("system", JsonValue.TRUE);
    assertThat(strings(admin.getJsonArray("permissions")))
        .contains("users.view", "roles.edit")
        .isSorted();
    assertThat(reply.array())
        .extracting(v -> v.asJsonObject().getString("name"))
        .contains("viewer")
        .doesNotContain("globex");
  }

  @Test
  void create_get_update_and_delete_a_role() {
    Reply created =
        api.json(
            "POST",
            "/api/roles",
            WORLD.acmeAdminToken,
            "{\"name\":\"auditor\",\"description\":\"Reads\","
                + "\"permissions\":[\"users.view\",\"roles.view\"]}");

    assertThat(created.status()).isEqualTo(201);
    JsonObject role = created.object();
    String id = role.getString("id");
    assertThat(UUID.fromString(id)).isNotNull();
    assertThat(created.header("Location")).contains("/api/roles/" + id);
    assertThat(role)
        .containsEntry("name", str("auditor"))
        .containsEntry("description", str("Reads"))
        .containsEntry("system", JsonValue.FALSE);
    assertThat(strings(role.getJsonArray("permissions")))
        .containsExactly("roles.view", "users.view");

    Reply fetched = api.get("/api/roles/" + id, WORLD.acmeAdminToken);
    assertThat(fetched.status()).isEqualTo(200);
    assertThat(fetched.object()).isEqualTo(role);

    Reply updated =
        api.json(
            "PUT",
            "/api/roles/" + id,
            WORLD.acmeAdminToken,
            "{\"name\":\"auditors\",\"permissions\":[\"authz.check\"]}");
    assertThat(updated.status()).isEqualTo(200);
    assertThat(updated.object())
        .containsEntry("name", str("auditors"))
        .containsEntry("description", str("Reads"));
    assertThat(strings(updated.object().getJsonArray("permissions")))
        .containsExactly("authz.check");

    Reply deleted = api.delete("/api/roles/" + id, WORLD.acmeAdminToken);
    assertThat(deleted.status()).isEqualTo(204);
    assertProblem(api.get("/api/roles/" + id, WORLD.acmeAdminToken), 404);
  }

  @Test
  void create_needs_only_a_name() {
    Reply created = api.json("POST", "/api/roles", WORLD.acmeAdminToken, "{\"name\":\"empty\"}");

    assertThat(created.status()).isEqualTo(201);
    assertThat(created.object())
        .containsEntry("description", str(""))
        .containsEntry("permissions", JsonValue.EMPTY_JSON_ARRAY);
  }

  @Test
  void duplicate_name_is_409() {
    Reply reply = api.json("POST", "/api/roles", WORLD.acmeAdminToken, "{\"name\":\"viewer\"}");

    assertProblem(reply, 409);
  }

  @Test
  void grant_and_revoke_are_idempotent_204s() {
    String id = createRole("granted");
    String path = "/api/roles/" + id + "/permissions/users.view";

    assertThat(api.json("POST", path, WORLD.acmeAdminToken, null).status()).isEqualTo(204);
    assertThat(api.json("POST", path, WORLD.acmeAdminToken, null).status()).isEqualTo(204);
    assertThat(permissionsOfRole(id)).containsExactly("users.view");

    assertThat(api.delete(path, WORLD.acmeAdminToken).status()).isEqualTo(204);
    assertThat(api.delete(path, WORLD.acmeAdminToken).status()).isEqualTo(204);
    assertThat(permissionsOfRole(id)).isEmpty();
  }

  @Test
  void assign_with_and_without_expiry_and_unassign() {
    String id = createRole("assignable");
    String path = "/api/roles/" + id + "/users/" + WORLD.acmeMember.id();

    Reply withoutBody = api.json("POST", path, WORLD.acmeAdminToken, null);
    Reply withExpiry =
        api.json("POST", path, WORLD.acmeAdminToken, "{\"expiresAt\":\"2099-01-01T00:00:00Z\"}");
    Reply emptyObject = api.json("POST", path, WORLD.acmeAdminToken, "{}");

    assertThat(withoutBody.status()).isEqualTo(204);
    assertThat(withExpiry.status()).isEqualTo(204);
    assertThat(emptyObject.status()).isEqualTo(204);
    assertThat(rolesOfMember(WORLD.acmeMember.id().toString())).contains("assignable");

    assertThat(api.delete(path, WORLD.acmeAdminToken).status()).isEqualTo(204);
    assertThat(api.delete(path, WORLD.acmeAdminToken).status()).isEqualTo(204);
    assertThat(rolesOfMember(WORLD.acmeMember.id().toString())).doesNotContain("assignable");
  }

  @Test
  void an_assignment_that_has_expired_grants_nothing() {
    String id = createRole("shortlived");
    api.json("POST", "/api/roles/" + id + "/permissions/metrics.view", WORLD.acmeAdminToken, null);
    String expiresAt = WORLD.warden.clock().instant().plusSeconds(60).toString();
    Reply assigned =
        api.json(
            "POST",
            "/api/roles/" + id + "/users/" + WORLD.inBoth.id(),
            WORLD.acmeAdminToken,
            "{\"expiresAt\":\"" + expiresAt + "\"}");

    assertThat(assigned.status()).isEqualTo(204);
    assertThat(check(WORLD.acmeAdminToken, "metrics.view", WORLD.inBoth).object())
        .containsEntry("allowed", JsonValue.TRUE);
    WORLD.warden.clock().advance(java.time.Duration.ofSeconds(61));
    assertThat(check(WORLD.acmeAdminToken, "metrics.view", WORLD.inBoth).object())
        .containsEntry("allowed", JsonValue.FALSE);
  }

  @Test
  void a_member_without_roles_view_is_403() {
    assertProblem(api.get("/api/roles", WORLD.acmeMemberToken), 403);
  }

  @Test
  void a_tenant_less_token_is_403() {
    assertProblem(api.get("/api/roles", WORLD.inBothToken), 403);
  }

  private String createRole(String name) {
    Reply reply =
        api.json("POST", "/api/roles", WORLD.acmeAdminToken, "{\"name\":\"" + name + "\"}");
    assertThat(reply.status()).isEqualTo(201);
    return reply.object().getString("id");
  }

  private List<String> permissionsOfRole(String id) {
    return strings(
        api.get("/api/roles/" + id, WORLD.acmeAdminToken).object().getJsonArray("permissions"));
  }
}
