package io.warden.adapter.driving.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import io.warden.adapter.driving.http.ApiClient.Reply;
import io.warden.application.port.driving.HealthUseCase;
import jakarta.json.JsonObject;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Liveness, health and the OpenAPI document through the production routing. */
@ServerTest
class OperationsEndpointsTest extends ApiTest {
  private static final TestWorld WORLD = new TestWorld();

  OperationsEndpointsTest(URI uri) {
    super(uri, WORLD);
  }

  @SetUpRoute
  static void routing(HttpRouting.Builder routing) {
    WardenHttp.routing(routing, WORLD.useCases());
  }

  @AfterEach
  void healthy() {
    WORLD.warden.databaseProbe().set(HealthUseCase.Status.UP, "ok");
    WORLD.warden.redisProbe().set(HealthUseCase.Status.UP, "ok");
  }

  @Test
  void ping_answers_pong_as_plain_text() {
    Reply reply = api.get("/ping", null);

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.contentType()).startsWith("text/plain");
    assertThat(reply.body()).isEqualTo("pong");
  }

  @Test
  void health_is_up_with_every_check_and_no_detail_for_an_anonymous_caller() {
    WORLD.warden.databaseProbe().set(HealthUseCase.Status.UP, "pool 3 busy, 5 idle, 0 waiting");

    Reply reply = api.get("/health", null);

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.contentType()).isEqualTo("application/json");
    JsonObject health = reply.object();
    assertThat(health.getString("status")).isEqualTo("UP");
    assertThat(health.getJsonObject("checks").keySet())
        .containsExactlyInAnyOrder("database", "redis", "invalidation");
    assertThat(health.getJsonObject("checks").values())
        .allSatisfy(check -> assertThat(check.asJsonObject().keySet()).containsExactly("status"));
    assertThat(reply.body()).doesNotContain("pool", "busy");
  }

  @Test
  void health_details_are_for_system_administrators_and_holders_of_metrics_view() {
    WORLD.warden.redisProbe().set(HealthUseCase.Status.DOWN, "breaker OPEN: Connection refused");

    for (String privileged : List.of(WORLD.rootToken, WORLD.acmeAdminToken)) {
      JsonObject redis =
          api.get("/health", privileged).object().getJsonObject("checks").getJsonObject("redis");
      assertThat(redis)
          .containsEntry("status", str("DOWN"))
          .containsEntry("detail", str("breaker OPEN: Connection refused"));
    }
    // Not privileged, or a token that does not stand: the summary, never a 401 on a probe.
    for (String other :
        List.of(
            WORLD.acmeMemberToken,
            WORLD.acmeEditorToken,
            WORLD.inBothToken,
            WORLD.expiredToken,
            "not-a-token")) {
      Reply reply = api.get("/health", other);
      assertThat(reply.status()).as("with %s", other).isEqualTo(200);
      assertThat(reply.object().getString("status")).isEqualTo("DEGRADED");
      assertThat(reply.body()).doesNotContain("detail", "refused", "breaker");
    }
  }

  @Test
  void every_response_says_nosniff_and_api_answers_are_never_stored() {
    for (Reply reply :
        List.of(
            api.get("/ping", null),
            api.get("/health", null),
            api.get("/openapi", null),
            api.get("/no-such-page", null),
            api.get("/api/me", null),
            api.get("/api/me", WORLD.acmeAdminToken),
            api.get("/api/roles", WORLD.acmeMemberToken))) {
      assertThat(reply.header("X-Content-Type-Options")).as("%s", reply).contains("nosniff");
      assertThat(reply.header("Strict-Transport-Security")).as("plain HTTP").isEmpty();
    }
    for (Reply reply :
        List.of(
            api.get("/api/me", WORLD.acmeAdminToken),
            api.get("/api/roles", WORLD.acmeAdminToken),
            api.get("/api/roles", WORLD.acmeMemberToken),
            api.get("/api/me", null),
            api.get("/health", WORLD.rootToken))) {
      assertThat(reply.header("Cache-Control")).as("%s", reply).contains("no-store");
    }
  }

  @Test
  void health_is_degraded_but_200_when_redis_is_down() {
    WORLD.warden.redisProbe().set(HealthUseCase.Status.DOWN, "connection refused");

    Reply reply = api.get("/health", null);

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.object().getString("status")).isEqualTo("DEGRADED");
    assertThat(reply.object().getJsonObject("checks").getJsonObject("redis"))
        .containsEntry("status", str("DOWN"));
  }

  @Test
  void health_is_503_when_the_database_is_down() {
    WORLD.warden.databaseProbe().set(HealthUseCase.Status.DOWN, "no connection");

    Reply reply = api.get("/health", null);

    assertThat(reply.status()).isEqualTo(503);
    assertThat(reply.contentType()).isEqualTo("application/json");
    assertThat(reply.object().getString("status")).isEqualTo("DOWN");
  }

  @Test
  void health_is_503_draining_while_the_instance_shuts_down() {
    WORLD.warden.databaseProbe().set(HealthUseCase.Status.DRAINING, "shutting down");

    Reply reply = api.get("/health", null);

    assertThat(reply.status()).isEqualTo(503);
    assertThat(reply.object().getString("status")).isEqualTo("DRAINING");
  }

  @Test
  void openapi_serves_the_yaml_document() {
    Reply reply = api.get("/openapi", null);

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.contentType()).startsWith("application/yaml");
    assertThat(reply.body()).startsWith("openapi: 3.1").contains("/api/roles/{roleId}:");
  }
}
