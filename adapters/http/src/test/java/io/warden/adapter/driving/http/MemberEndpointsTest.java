package io.warden.adapter.driving.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import io.warden.adapter.driving.http.ApiClient.Reply;
import jakarta.json.JsonArray;
import jakarta.json.JsonValue;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
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
  void inviting_by_email_answers_alike_for_an_account_a_stranger_and_a_member() {
    WORLD.warden.createUser("newbie@acme.test");
    List<Reply> replies = new ArrayList<>();
    for (String email : List.of("newbie@acme.test", "nobody@acme.test", "max@acme.test")) {
      replies.add(
          api.json("POST", "/api/members", WORLD.acmeAdminToken, "{\"email\":\"" + email + "\"}"));
    }

    for (Reply reply : replies) {
      assertThat(reply.status()).isEqualTo(202);
      assertThat(reply.object().keySet()).containsExactly("invitationId");
    }
    List<String> ids = replies.stream().map(r -> r.object().getString("invitationId")).toList();
    assertThat(ids).doesNotHaveDuplicates();
    // Byte for byte the same apart from the id, and the same header names and values apart from
    // those that vary with every request.
    for (int i = 1; i < replies.size(); i++) {
      assertThat(replies.get(i).body().replace(ids.get(i), "ID"))
          .isEqualTo(replies.get(0).body().replace(ids.get(0), "ID"));
      assertThat(stableHeaders(replies.get(i))).isEqualTo(stableHeaders(replies.get(0)));
    }
  }

  private static Map<String, List<String>> stableHeaders(Reply reply) {
    Map<String, List<String>> headers = new TreeMap<>(reply.headers().map());
    headers.keySet().removeIf(name -> VARYING_HEADERS.contains(name.toLowerCase(Locale.ROOT)));
    return headers;
  }

  private static final Set<String> VARYING_HEADERS =
      Set.of("date", "x-request-id", "ratelimit-remaining", "ratelimit-reset");

  @Test
  void only_a_system_administrator_adds_by_user_id() {
    var user = WORLD.warden.createUser("byid@acme.test");
    String body = "{\"userId\":\"" + user.id() + "\"}";

    assertProblem(api.json("POST", "/api/members", WORLD.acmeAdminToken, body), 403);

    String root =
        WORLD
            .warden
            .tenantSelection()
            .selectTenant(WORLD.warden.caller(WORLD.rootToken), WORLD.acme.id())
            .accessToken();
    Reply added = api.json("POST", "/api/members", root, body);
    assertThat(added.status()).isEqualTo(201);
    assertThat(added.object().getString("userId")).isEqualTo(user.id().toString());
    assertProblem(api.json("POST", "/api/members", root, body), 409);
    assertProblem(
        api.json("POST", "/api/members", root, "{\"userId\":\"" + UUID.randomUUID() + "\"}"), 404);

    Reply removed = api.delete("/api/members/" + user.id(), WORLD.acmeAdminToken);
    assertThat(removed.status()).isEqualTo(204);
  }

  @Test
  void inviting_needs_users_manage() {
    assertProblem(
        api.json("POST", "/api/members", WORLD.acmeEditorToken, "{\"email\":\"x@acme.test\"}"),
        403);
  }
}
