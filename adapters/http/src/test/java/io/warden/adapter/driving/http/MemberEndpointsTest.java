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

/** Members of a tenant through the production routing. */
@ServerTest
class MemberEndpointsTest extends ApiTest {
  private static final TestWorld WORLD = new TestWorld();

  MemberEndpointsTest(URI uri) {
    super(uri, WORLD);
  }

  @SetUpRoute
  static void routing(HttpRouting.Builder routing) {
    WardenHttp.routing(routing, WORLD.useCases());
  }

  @Test
  void list_pages_with_a_cursor() {
    Reply all = api.get("/api/members", WORLD.acmeAdminToken);

    assertThat(all.status()).isEqualTo(200);
    assertThat(all.object().keySet()).containsExactlyInAnyOrder("items", "nextCursor");
    JsonArray items = all.object().getJsonArray("items");
    assertThat(items.size()).isGreaterThanOrEqualTo(3);
    assertThat(items.getJsonObject(0).keySet())
        .containsExactlyInAnyOrder("userId", "email", "displayName", "active", "roles");
    assertThat(all.object().get("nextCursor")).isEqualTo(JsonValue.NULL);

    Reply first = api.get("/api/members?limit=1", WORLD.acmeAdminToken);
    assertThat(first.object().getJsonArray("items")).hasSize(1);
    String cursor = first.object().getString("nextCursor");
    Reply second =
        api.get(
            "/api/members?limit=1&cursor="
                + java.net.URLEncoder.encode(cursor, java.nio.charset.StandardCharsets.UTF_8),
            WORLD.acmeAdminToken);
    assertThat(second.status()).isEqualTo(200);
    assertThat(second.object().getJsonArray("items").getJsonObject(0).getString("userId"))
        .isEqualTo(items.getJsonObject(1).getString("userId"));
  }

  @Test
  void add_by_email_then_again_is_409_and_remove() {
    WORLD.warden.createUser("newbie@acme.test");

    Reply added =
        api.json("POST", "/api/members", WORLD.acmeAdminToken, "{\"email\":\"newbie@acme.test\"}");
    Reply again =
        api.json("POST", "/api/members", WORLD.acmeAdminToken, "{\"email\":\"newbie@acme.test\"}");

    assertThat(added.status()).isEqualTo(201);
    JsonObject member = added.object();
    assertThat(member)
        .containsEntry("email", str("newbie@acme.test"))
        .containsEntry("active", JsonValue.TRUE)
        .containsEntry("roles", JsonValue.EMPTY_JSON_ARRAY);
    assertProblem(again, 409);

    Reply removed = api.delete("/api/members/" + member.getString("userId"), WORLD.acmeAdminToken);
    assertThat(removed.status()).isEqualTo(204);
  }

  @Test
  void add_by_user_id() {
    var user = WORLD.warden.createUser("byid@acme.test");

    Reply added =
        api.json(
            "POST", "/api/members", WORLD.acmeAdminToken, "{\"userId\":\"" + user.id() + "\"}");

    assertThat(added.status()).isEqualTo(201);
    assertThat(added.object().getString("userId")).isEqualTo(user.id().toString());
  }

  @Test
  void adding_an_unknown_user_is_404() {
    Reply reply =
        api.json("POST", "/api/members", WORLD.acmeAdminToken, "{\"email\":\"nobody@acme.test\"}");

    assertProblem(reply, 404);
  }
}
