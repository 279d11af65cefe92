package io.warden.adapter.driving.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.warden.adapter.driving.http.ApiClient.Reply;
import io.warden.domain.model.user.User;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.net.URI;
import java.util.List;

/** What the endpoint tests share: a client of the started server, its world, and assertions. */
abstract class ApiTest extends ProductionServerTest {
  protected final ApiClient api;
  private final TestWorld world;

  ApiTest(URI uri, TestWorld world) {
    this.api = new ApiClient(uri);
    this.world = world;
  }

  /** {@code POST /api/authz/check} as {@code token}: does the caller hold {@code permission}? */
  protected Reply check(String token, String permission) {
    return api.json("POST", "/api/authz/check", token, "{\"permission\":\"" + permission + "\"}");
  }

  /** {@code POST /api/authz/check} as {@code token}: does {@code user} hold {@code permission}? */
  protected Reply check(String token, String permission, User user) {
    return api.json(
        "POST",
        "/api/authz/check",
        token,
        "{\"permission\":\"" + permission + "\",\"userId\":\"" + user.id() + "\"}");
  }

  /** The names of the roles a member of acme holds, as the members list shows them. */
  protected List<String> rolesOfMember(String userId) {
    return api
        .get("/api/members?limit=500", world.acmeAdminToken)
        .object()
        .getJsonArray("items")
        .stream()
        .map(JsonValue::asJsonObject)
        .filter(m -> m.getString("userId").equals(userId))
        .flatMap(m -> m.getJsonArray("roles").stream())
        .map(r -> r.asJsonObject().getString("name"))
        .toList();
  }

  static void assertProblem(Reply reply, int status) {
    Problems.assertProblem(reply, status);
  }

  static void assertTokenResponse(JsonObject tokens) {
    assertThat(tokens.keySet())
        .containsExactlyInAnyOrder(
            "accessToken", "tokenType", "expiresIn", "refreshToken", "tenant");
    assertThat(tokens.getString("tokenType")).isEqualTo("Bearer");
    assertThat(tokens.getJsonNumber("expiresIn").longValue()).isPositive();
    assertThat(tokens.getString("accessToken")).isNotBlank();
    assertThat(tokens.getString("refreshToken")).isNotBlank();
  }

  static void assertUser(JsonObject user, String id, String email) {
    assertThat(user.keySet()).containsExactlyInAnyOrder("id", "email", "displayName");
    assertThat(user).containsEntry("id", str(id)).containsEntry("email", str(email));
  }

  static void assertTenant(JsonObject tenant, String id, String slug) {
    assertThat(tenant.keySet()).containsExactlyInAnyOrder("id", "slug", "name");
    assertThat(tenant).containsEntry("id", str(id)).containsEntry("slug", str(slug));
  }

  static List<String> strings(JsonArray array) {
    return array.getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
  }

  static JsonString str(String value) {
    return Json.createValue(value);
  }
}
