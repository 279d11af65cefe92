package io.warden.adapter.driving.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import io.warden.adapter.driving.http.ApiClient.Reply;
import io.warden.application.port.in.HealthUseCase;
import jakarta.json.JsonObject;
import java.net.URI;
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
  void health_is_up_with_every_check() {
    Reply reply = api.get("/health", null);

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.contentType()).isEqualTo("application/json");
    JsonObject health = reply.object();
    assertThat(health.getString("status")).isEqualTo("UP");
    assertThat(health.getJsonObject("checks").keySet())
        .containsExactlyInAnyOrder("database", "redis", "invalidation");
    assertThat(health.getJsonObject("checks").getJsonObject("database"))
        .containsEntry("status", str("UP"))
        .containsEntry("detail", str("ok"));
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
  void openapi_serves_the_yaml_document() {
    Reply reply = api.get("/openapi", null);

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.contentType()).startsWith("application/yaml");
    assertThat(reply.body()).startsWith("openapi: 3.1").contains("/api/roles/{roleId}:");
  }
}
