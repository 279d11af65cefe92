package io.warden.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.warden.bootstrap.testing.WardenInstance;
import org.junit.jupiter.api.Test;

/** The wired service starts against real PostgreSQL and Redis and reports itself healthy. */
class SmokeTest {

  @Test
  void a_started_instance_answers_ping_and_reports_every_dependency_up() {
    try (WardenInstance warden = WardenInstance.start(WardenInstance.Shared.fresh())) {
      var client = warden.client();
      assertThat(client.get("/ping", null).body()).isEqualTo("pong");
      var health = client.get("/health", null);
      assertThat(health.status()).isEqualTo(200);
      assertThat(health.json().getString("status")).isEqualTo("UP");
      assertThat(health.json().getJsonObject("checks").keySet())
          .containsExactlyInAnyOrder("database", "redis", "invalidation", "ratelimit", "shutdown");
      assertThat(client.token(WardenInstance.ADMIN_EMAIL, WardenInstance.ADMIN_PASSWORD))
          .isNotBlank();
    }
  }
}
