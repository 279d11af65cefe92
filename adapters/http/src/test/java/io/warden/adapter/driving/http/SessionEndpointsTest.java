package io.warden.adapter.driving.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import io.warden.adapter.driving.http.ApiClient.Reply;
import io.warden.application.port.driving.TokenPair;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URI;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Listing and ending one's own sessions through the production routing. */
@ServerTest
class SessionEndpointsTest extends ApiTest {
  private static final TestWorld WORLD = new TestWorld();

  SessionEndpointsTest(URI uri) {
    super(uri, WORLD);
  }

  @SetUpRoute
  static void routing(HttpRouting.Builder routing) {
    WardenHttp.routing(routing, WORLD.useCases());
  }

  private String sessionOf(String accessToken) {
    return WORLD.warden.caller(accessToken).sessionId();
  }

  @Test
  void the_list_shows_the_callers_live_sessions_with_the_current_one_marked() {
    TokenPair first = WORLD.tokens("eddie@acme.test");
    TokenPair second = WORLD.tokens("eddie@acme.test");

    Reply reply = api.get("/api/auth/sessions", first.accessToken());

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.header("Cache-Control")).contains("no-store");
    JsonObject mine = null;
    for (JsonValue value : reply.array()) {
      JsonObject session = value.asJsonObject();
      assertThat(session.keySet())
          .containsExactlyInAnyOrder("id", "createdAt", "lastRefreshedAt", "expiresAt", "current");
      assertThat(session.get("lastRefreshedAt")).isEqualTo(JsonValue.NULL);
      Instant created = Instant.parse(session.getString("createdAt"));
      assertThat(Instant.parse(session.getString("expiresAt")))
          .isEqualTo(created.plus(java.time.Duration.ofDays(7)));
      if (session.getBoolean("current")) {
        assertThat(mine).as("one current session").isNull();
        mine = session;
      }
    }
    assertThat(mine).isNotNull();
    assertThat(mine.getString("id")).isEqualTo(sessionOf(first.accessToken()));
    assertThat(reply.array())
        .extracting(v -> v.asJsonObject().getString("id"))
        .contains(sessionOf(second.accessToken()))
        .doesNotContain(sessionOf(WORLD.acmeAdminToken), sessionOf(WORLD.globexAdminToken));
  }

  @Test
  void ending_a_session_stops_its_access_and_refresh_tokens_and_leaves_the_others() {
    TokenPair phone = WORLD.tokens("eddie@acme.test");
    TokenPair laptop = WORLD.tokens("eddie@acme.test");

    Reply ended =
        api.delete("/api/auth/sessions/" + sessionOf(laptop.accessToken()), phone.accessToken());

    assertThat(ended.status()).isEqualTo(204);
    assertThat(api.get("/api/me", laptop.accessToken()).status()).isEqualTo(401);
    Reply refresh =
        api.json(
            "POST",
            "/api/auth/refresh",
            null,
            "{\"refreshToken\":\"" + laptop.refreshToken() + "\"}");
    assertThat(refresh.status()).isEqualTo(401);
    assertThat(api.get("/api/me", phone.accessToken()).status()).isEqualTo(200);
    assertThat(
            api.delete(
                    "/api/auth/sessions/" + sessionOf(phone.accessToken()) + "x",
                    phone.accessToken())
                .status())
        .isEqualTo(400);
    Reply again =
        api.delete("/api/auth/sessions/" + sessionOf(phone.accessToken()), phone.accessToken());
    assertThat(again.status()).isEqualTo(204);
    assertThat(api.get("/api/me", phone.accessToken()).status())
        .as("ending one's own current session ends the calling token")
        .isEqualTo(401);
  }

  @Test
  void another_users_session_is_not_found_and_keeps_working() {
    TokenPair victim = WORLD.tokens("gus@globex.test");
    String attacker = WORLD.token("max@acme.test");

    Reply reply = api.delete("/api/auth/sessions/" + sessionOf(victim.accessToken()), attacker);

    Problems.assertProblem(reply, 404);
    assertThat(api.get("/api/me", victim.accessToken()).status()).isEqualTo(200);
    assertThat(
            api.json(
                    "POST",
                    "/api/auth/refresh",
                    null,
                    "{\"refreshToken\":\"" + victim.refreshToken() + "\"}")
                .status())
        .isEqualTo(200);
  }
}
