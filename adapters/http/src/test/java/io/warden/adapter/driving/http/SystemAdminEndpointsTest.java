package io.warden.adapter.driving.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import io.warden.adapter.driving.http.ApiClient.Reply;
import jakarta.json.JsonValue;
import java.net.URI;
import org.junit.jupiter.api.Test;

/** System administration through the production routing. */
@ServerTest
class SystemAdminEndpointsTest extends ApiTest {
  private static final TestWorld WORLD = new TestWorld();

  SystemAdminEndpointsTest(URI uri) {
    super(uri, WORLD);
  }

  @SetUpRoute
  static void routing(HttpRouting.Builder routing) {
    WardenHttp.routing(routing, WORLD.useCases());
  }

  @Test
  void create_tenant_then_duplicate_slug_is_409() {
    Reply created =
        api.json(
            "POST",
            "/api/admin/tenants",
            WORLD.rootToken,
            "{\"slug\":\"initech\",\"name\":\"Initech\"}");
    Reply duplicate =
        api.json(
            "POST", "/api/admin/tenants", WORLD.rootToken, "{\"slug\":\"initech\",\"name\":\"X\"}");

    assertThat(created.status()).isEqualTo(201);
    assertThat(created.object().keySet()).containsExactlyInAnyOrder("id", "slug", "name");
    assertThat(created.object()).containsEntry("slug", str("initech"));
    assertProblem(duplicate, 409);
  }

  @Test
  void first_administrator_of_a_new_tenant() {
    String tenantId =
        api.json(
                "POST",
                "/api/admin/tenants",
                WORLD.rootToken,
                "{\"slug\":\"hooli\",\"name\":\"Hooli\"}")
            .object()
            .getString("id");
    var user = WORLD.warden.createUser("gavin@hooli.test");

    Reply added =
        api.json(
            "POST",
            "/api/admin/tenants/" + tenantId + "/members",
            WORLD.rootToken,
            "{\"userId\":\"" + user.id() + "\",\"roles\":[\"admin\"]}");

    assertThat(added.status()).isEqualTo(201);
    assertThat(added.object().getString("userId")).isEqualTo(user.id().toString());
    assertThat(added.object().getJsonArray("roles"))
        .extracting(v -> v.asJsonObject().getString("name"))
        .containsExactly("admin");
  }

  @Test
  void patch_tenant_answers_it_with_its_state() {
    String tenantId =
        api.json(
                "POST",
                "/api/admin/tenants",
                WORLD.rootToken,
                "{\"slug\":\"umbrella\",\"name\":\"Umbrella\"}")
            .object()
            .getString("id");

    Reply patched =
        api.json(
            "PATCH",
            "/api/admin/tenants/" + tenantId,
            WORLD.rootToken,
            "{\"name\":\"Umbrella Corp\",\"active\":false}");

    assertThat(patched.status()).isEqualTo(200);
    assertThat(patched.object().keySet()).containsExactlyInAnyOrder("id", "slug", "name", "active");
    assertThat(patched.object())
        .containsEntry("name", str("Umbrella Corp"))
        .containsEntry("active", JsonValue.FALSE);
  }

  @Test
  void create_and_patch_a_user() {
    Reply created =
        api.json(
            "POST",
            "/api/admin/users",
            WORLD.rootToken,
            "{\"email\":\"Carol@Example.test\",\"password\":\"a long enough secret\","
                + "\"displayName\":\"Carol\"}");
    Reply duplicate =
        api.json(
            "POST",
            "/api/admin/users",
            WORLD.rootToken,
            "{\"email\":\"carol@example.test\",\"password\":\"a long enough secret\","
                + "\"displayName\":\"Carol\"}");

    assertThat(created.status()).isEqualTo(201);
    assertThat(created.object().keySet()).containsExactlyInAnyOrder("id", "email", "displayName");
    assertThat(created.object()).containsEntry("email", str("carol@example.test"));
    assertProblem(duplicate, 409);

    Reply patched =
        api.json(
            "PATCH",
            "/api/admin/users/" + created.object().getString("id"),
            WORLD.rootToken,
            "{\"displayName\":\"Carol C.\",\"active\":false}");
    assertThat(patched.status()).isEqualTo(200);
    assertThat(patched.object()).containsEntry("displayName", str("Carol C."));
  }

  @Test
  void define_list_and_delete_a_permission() {
    Reply created =
        api.json(
            "POST",
            "/api/admin/permissions",
            WORLD.rootToken,
            "{\"name\":\"analytics:read:organization\",\"description\":\"Read analytics\"}");
    Reply duplicate =
        api.json(
            "POST",
            "/api/admin/permissions",
            WORLD.rootToken,
            "{\"name\":\"analytics:read:organization\",\"description\":\"Again\"}");

    assertThat(created.status()).isEqualTo(201);
    assertThat(created.object())
        .containsEntry("name", str("analytics:read:organization"))
        .containsEntry("description", str("Read analytics"));
    assertProblem(duplicate, 409);

    Reply list = api.get("/api/admin/permissions", WORLD.rootToken);
    assertThat(list.status()).isEqualTo(200);
    assertThat(list.array())
        .extracting(v -> v.asJsonObject().getString("name"))
        .contains("users.view", "metrics.view", "analytics:read:organization");
    assertThat(list.array().getJsonObject(0).keySet())
        .containsExactlyInAnyOrder("name", "description");

    Reply deleted =
        api.delete("/api/admin/permissions/analytics:read:organization", WORLD.rootToken);
    assertThat(deleted.status()).isEqualTo(204);
    assertThat(api.get("/api/admin/permissions", WORLD.rootToken).array())
        .extracting(v -> v.asJsonObject().getString("name"))
        .doesNotContain("analytics:read:organization");
  }

  @Test
  void a_tenant_administrator_is_not_a_system_administrator() {
    Reply reply =
        api.json(
            "POST",
            "/api/admin/tenants",
            WORLD.acmeAdminToken,
            "{\"slug\":\"sneaky\",\"name\":\"Sneaky\"}");

    assertProblem(reply, 403);
  }
}
