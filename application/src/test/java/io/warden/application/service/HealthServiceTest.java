package io.warden.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.warden.application.fake.FakeHealthProbe;
import io.warden.application.port.in.HealthUseCase.Check;
import io.warden.application.port.in.HealthUseCase.Health;
import io.warden.application.port.in.HealthUseCase.Status;
import io.warden.application.port.out.HealthProbe;
import java.util.List;
import org.junit.jupiter.api.Test;

class HealthServiceTest {
  private final FakeHealthProbe database = new FakeHealthProbe("database", true);
  private final FakeHealthProbe redis = new FakeHealthProbe("redis", false);
  private final FakeHealthProbe invalidation = new FakeHealthProbe("invalidation", false);
  private final HealthService health = new HealthService(List.of(database, redis, invalidation));

  @Test
  void all_up_is_up_and_every_check_is_reported_in_order() {
    Health result = health.health();

    assertThat(result.status()).isEqualTo(Status.UP);
    assertThat(result.checks()).containsOnlyKeys("database", "redis", "invalidation");
    assertThat(result.checks().keySet()).containsExactly("database", "redis", "invalidation");
  }

  @Test
  void a_non_critical_dependency_down_is_degraded() {
    redis.set(Status.DOWN, "connection refused");

    Health result = health.health();

    assertThat(result.status()).isEqualTo(Status.DEGRADED);
    assertThat(result.checks().get("redis"))
        .isEqualTo(new Check(Status.DOWN, "connection refused"));
  }

  @Test
  void any_degraded_dependency_is_degraded() {
    database.set(Status.DEGRADED, "slow");

    assertThat(health.health().status()).isEqualTo(Status.DEGRADED);
  }

  @Test
  void a_critical_dependency_down_is_down_whatever_else_holds() {
    redis.set(Status.DEGRADED, "breaker half-open");
    database.set(Status.DOWN, "no connection");

    assertThat(health.health().status()).isEqualTo(Status.DOWN);
  }

  @Test
  void a_probe_that_throws_reports_its_dependency_down() {
    HealthProbe broken =
        new HealthProbe() {
          @Override
          public String name() {
            return "database";
          }

          @Override
          public boolean critical() {
            return true;
          }

          @Override
          public Check probe() {
            throw new IllegalStateException("boom");
          }
        };

    Health result = new HealthService(List.of(broken, redis)).health();

    assertThat(result.status()).isEqualTo(Status.DOWN);
    assertThat(result.checks().get("database").status()).isEqualTo(Status.DOWN);
  }

  @Test
  void no_probes_is_up() {
    assertThat(new HealthService(List.of()).health().status()).isEqualTo(Status.UP);
  }
}
