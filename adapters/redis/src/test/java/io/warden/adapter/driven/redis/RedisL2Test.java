package io.warden.adapter.driven.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.warden.adapter.driven.redis.testing.TestRedis;
import io.warden.application.port.driving.HealthUseCase.Status;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The connection holder on its own: start-up, settings, and what it reveals in logs. */
class RedisL2Test {

  @Test
  void the_very_first_call_waits_for_the_connect_in_flight_instead_of_failing() {
    String uri = TestRedis.uri();
    for (int i = 0; i < 10; i++) {
      try (RedisL2 l2 =
          RedisL2.connect(
              RedisL2Settings.defaults(uri).withCommandTimeout(Duration.ofSeconds(5)))) {
        String pong = l2.execute(redis -> redis.ping());
        assertThat(pong).isEqualTo("PONG");
        assertThat(l2.connected()).isTrue();
      }
    }
  }

  @Test
  void waiting_for_the_first_connection_ends_connected_to_a_reachable_redis() {
    // A connect timeout no busy test machine reaches: what is tested is the waiting, not speed.
    try (RedisL2 l2 =
        RedisL2.connect(
            RedisL2Settings.defaults(TestRedis.uri()).withConnectTimeout(Duration.ofSeconds(10)))) {
      assertThat(l2.awaitConnected(Duration.ofSeconds(30))).isTrue();
      assertThat(l2.connected()).isTrue();
    }
  }

  @Test
  void a_healthy_redis_is_up_with_a_closed_breaker() {
    try (RedisL2 l2 =
        RedisL2.connect(
            RedisL2Settings.defaults(TestRedis.uri()).withCommandTimeout(Duration.ofSeconds(5)))) {
      assertThat(l2.healthProbe().probe().status()).isEqualTo(Status.UP);
      assertThat(l2.breakerState()).isEqualTo("CLOSED");
    }
  }

  @Test
  void the_defaults_never_leave_lettuces_60_second_timeout_in_place() {
    RedisL2Settings defaults = RedisL2Settings.defaults("redis://127.0.0.1:6379");

    assertThat(defaults.commandTimeout()).isEqualTo(Duration.ofMillis(50));
    assertThat(defaults.connectTimeout()).isLessThan(Duration.ofSeconds(1));
    assertThat(defaults.breaker().waitInOpenState()).isEqualTo(Duration.ofSeconds(5));
    assertThat(defaults.cluster()).isFalse();
    assertThat(RedisL2Settings.defaults("redis-cluster://a:7000,b:7001").cluster()).isTrue();
  }

  @Test
  void a_password_never_appears_in_logs() {
    RedisL2Settings settings = RedisL2Settings.defaults("redis://:s3cret@10.0.0.1:6379/2");

    assertThat(settings.toString()).doesNotContain("s3cret").contains("10.0.0.1:6379/2");
    assertThat(settings.redactedUri()).isEqualTo("redis://***@10.0.0.1:6379/2");
  }

  @Test
  void nonsensical_settings_are_refused() {
    RedisL2Settings defaults = RedisL2Settings.defaults("redis://127.0.0.1:6379");

    assertThatThrownBy(() -> defaults.withCommandTimeout(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> defaults.withBreaker(0f, 10, 5, Duration.ofSeconds(1), 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> defaults.withBreaker(50f, 0, 5, Duration.ofSeconds(1), 1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void key_prefixes_cannot_break_the_key_layout() {
    assertThatThrownBy(() -> new L2Keys("w:{1}")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new L2Keys("")).isInstanceOf(IllegalArgumentException.class);
    assertThat(new L2Keys("w").globalMin(3)).isEqualTo("w:{3}:min");
  }
}
