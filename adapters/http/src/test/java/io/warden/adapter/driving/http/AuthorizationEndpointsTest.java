package io.warden.adapter.driving.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import io.warden.adapter.driving.http.ApiClient.Reply;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URI;
import org.junit.jupiter.api.Test;

/** The caller and permission checks through the production routing. */
@ServerTest
class AuthorizationEndpointsTest extends ApiTest {
  private static final TestWorld WORLD = new TestWorld();

  AuthorizationEndpointsTest(URI uri) {
    super(uri, WORLD);
  }

  @SetUpRoute
  static void routing(HttpRouting.Builder routing) {
    WardenHttp.routing(routing, WORLD.useCases());
  }

  @Test
  void me_shows_user_tenant_roles_and_sorted_permissions() {
    Reply reply = api.get("/api/me", WORLD.acmeAdminToken);

    assertThat(reply.status()).isEqualTo(200);
    JsonObject me = reply.object();
    assertThat(me.keySet())
        .containsExactlyInAnyOrder(
            "user", "tenant", "roles", "permissions", "organizations", "accessibleOrganizationIds");
    assertUser(me.getJsonObject("user"), WORLD.acmeAdmin.id().toString(), "ada@acme.test");
    assertTenant(me.getJsonObject("tenant"), WORLD.acme.id().toString(), "acme");
    assertThat(me.getJsonArray("roles").getJsonObject(0).keySet())
        .containsExactlyInAnyOrder("id", "name");
    assertThat(strings(me.getJsonArray("permissions")))
        .contains("roles.view", "users.manage")
        .isSorted();
  }

  @Test
  void check_of_oneself() {
    Reply reply = check(WORLD.acmeAdminToken, "roles.view");

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.object())
        .containsEntry("allowed", JsonValue.TRUE)
        .containsEntry("permission", str("roles.view"))
        .containsEntry("userId", str(WORLD.acmeAdmin.id().toString()));
  }

  @Test
  void check_of_another_user_and_of_an_undefined_permission() {
    Reply other = check(WORLD.acmeAdminToken, "roles.view", WORLD.acmeMember);
    Reply undefined = check(WORLD.acmeAdminToken, "no.such.permission");

    assertThat(other.status()).isEqualTo(200);
    assertThat(other.object())
        .containsEntry("allowed", JsonValue.FALSE)
        .containsEntry("userId", str(WORLD.acmeMember.id().toString()));
    assertThat(undefined.status()).isEqualTo(200);
    assertThat(undefined.object()).containsEntry("allowed", JsonValue.FALSE);
  }

  @Test
  void check_of_another_user_without_authz_check_is_403() {
    Reply reply = check(WORLD.acmeMemberToken, "roles.view", WORLD.acmeAdmin);

    assertProblem(reply, 403);
  }

  @Test
  void check_batch_answers_in_order_and_marks_items_that_cannot_be_evaluated() {
    String body =
        "{\"checks\":["
            + "{\"permission\":\"roles.view\"},"
            + "{\"permission\":\"roles.view\",\"userId\":\"not-a-uuid\"},"
            + "{\"permission\":\"users.manage\",\"userId\":\""
            + WORLD.acmeMember.id()
            + "\"},"
            + "42,"
            + "{\"userId\":\""
            + WORLD.acmeMember.id()
            + "\"}"
            + "]}";

    Reply reply = api.json("POST", "/api/authz/check-batch", WORLD.acmeAdminToken, body);

    assertThat(reply.status()).isEqualTo(200);
    JsonArray results = reply.object().getJsonArray("results");
    assertThat(results).hasSize(5);
    JsonObject first = results.getJsonObject(0);
    assertThat(first.keySet()).containsExactlyInAnyOrder("permission", "userId", "allowed");
    assertThat(first)
        .containsEntry("allowed", JsonValue.TRUE)
        .containsEntry("userId", str(WORLD.acmeAdmin.id().toString()));
    assertThat(results.getJsonObject(1))
        .containsEntry("allowed", JsonValue.FALSE)
        .containsEntry("userId", str("not-a-uuid"))
        .containsKey("error");
    assertThat(results.getJsonObject(2))
        .containsEntry("allowed", JsonValue.FALSE)
        .containsEntry("permission", str("users.manage"))
        .doesNotContainKey("error");
    assertThat(results.getJsonObject(3))
        .containsEntry("allowed", JsonValue.FALSE)
        .containsKey("error");
    assertThat(results.getJsonObject(4).getString("error")).contains("permission");
  }

  @Test
  void check_batch_item_about_another_user_without_authz_check_carries_an_error() {
    String body =
        "{\"checks\":[{\"permission\":\"roles.view\"},"
            + "{\"permission\":\"roles.view\",\"userId\":\""
            + WORLD.acmeAdmin.id()
            + "\"}]}";

    Reply reply = api.json("POST", "/api/authz/check-batch", WORLD.acmeMemberToken, body);

    assertThat(reply.status()).isEqualTo(200);
    JsonArray results = reply.object().getJsonArray("results");
    assertThat(results.getJsonObject(0)).doesNotContainKey("error");
    assertThat(results.getJsonObject(1))
        .containsEntry("allowed", JsonValue.FALSE)
        .containsKey("error");
  }

  @Test
  void permissions_of_a_user() {
    Reply reply =
        api.get("/api/authz/users/" + WORLD.acmeAdmin.id() + "/permissions", WORLD.acmeAdminToken);

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.object().getString("userId")).isEqualTo(WORLD.acmeAdmin.id().toString());
    assertThat(strings(reply.object().getJsonArray("permissions")))
        .contains("authz.check", "roles.edit")
        .isSorted();
  }

  @Test
  void permissions_batch_maps_outsiders_to_nothing() {
    String body =
        "{\"userIds\":[\"" + WORLD.acmeAdmin.id() + "\",\"" + WORLD.globexAdmin.id() + "\"]}";

    Reply reply = api.json("POST", "/api/authz/permissions/batch", WORLD.acmeAdminToken, body);

    assertThat(reply.status()).isEqualTo(200);
    JsonObject permissions = reply.object().getJsonObject("permissions");
    assertThat(strings(permissions.getJsonArray(WORLD.acmeAdmin.id().toString())))
        .contains("users.view");
    assertThat(permissions.getJsonArray(WORLD.globexAdmin.id().toString())).isEmpty();
  }

  @Test
  void explain_names_the_granting_roles() {
    Reply reply =
        api.get(
            "/api/authz/explain?permission=roles.view&userId=" + WORLD.acmeAdmin.id(),
            WORLD.acmeAdminToken);

    assertThat(reply.status()).isEqualTo(200);
    JsonObject explanation = reply.object();
    assertThat(explanation)
        .containsEntry("allowed", JsonValue.TRUE)
        .containsEntry("permission", str("roles.view"))
        .containsEntry("userId", str(WORLD.acmeAdmin.id().toString()));
    assertThat(explanation.getJsonArray("grantedBy"))
        .extracting(v -> v.asJsonObject().getString("roleName"))
        .contains("admin");
    JsonObject grant = explanation.getJsonArray("grantedBy").getJsonObject(0);
    assertThat(grant.keySet()).containsExactlyInAnyOrder("roleId", "roleName", "via", "permission");
    assertThat(grant.getJsonArray("via")).isEmpty();
    assertThat(grant.getString("permission")).isEqualTo("roles.view");
  }

  @Test
  void explain_defaults_to_the_caller() {
    Reply reply = api.get("/api/authz/explain?permission=roles.view", WORLD.acmeMemberToken);

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.object())
        .containsEntry("allowed", JsonValue.FALSE)
        .containsEntry("userId", str(WORLD.acmeMember.id().toString()));
    assertThat(reply.object().getJsonArray("grantedBy")).isEmpty();
  }
}
