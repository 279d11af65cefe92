package io.warden.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.warden.application.fake.FakeHealthProbe;
import io.warden.application.fake.InMemoryEffectivePermissions;
import io.warden.application.fake.InMemoryStore;
import io.warden.application.fake.InMemoryWarden;
import io.warden.application.port.driven.HealthProbe;
import io.warden.application.port.driving.Caller;
import io.warden.application.port.driving.HealthUseCase.Check;
import io.warden.application.port.driving.HealthUseCase.Health;
import io.warden.application.port.driving.HealthUseCase.Status;
import io.warden.application.port.driving.RoleAdministrationUseCase.CreateRole;
import io.warden.domain.model.tenant.Tenant;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HealthServiceTest {
  private final FakeHealthProbe database = new FakeHealthProbe("database", true);
  private final FakeHealthProbe redis = new FakeHealthProbe("redis", false);
  private final FakeHealthProbe invalidation = new FakeHealthProbe("invalidation", false);
  private final InMemoryEffectivePermissions nobody =
      new InMemoryEffectivePermissions(new InMemoryStore(), Clock.systemUTC());
  private final HealthService health =
      new HealthService(List.of(database, redis, invalidation), nobody);

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
  void a_draining_instance_is_draining_whatever_its_dependencies_say() {
    database.set(Status.DOWN, "no connection");
    FakeHealthProbe shutdown = new FakeHealthProbe("shutdown", true);
    shutdown.set(Status.DRAINING, "shutting down");

    Health result = new HealthService(List.of(database, redis, shutdown), nobody).health();

    assertThat(result.status()).isEqualTo(Status.DRAINING);
    assertThat(result.status().unready()).isTrue();
    assertThat(Status.DOWN.unready()).isTrue();
    assertThat(Status.DEGRADED.unready()).isFalse();
  }

  @Test
  void a_probe_that_throws_reports_its_dependency_down() {
    HealthProbe broken =
        HealthProbe.of(
            "database",
            true,
            () -> {
              throw new IllegalStateException("boom");
            });

    Health result = new HealthService(List.of(broken, redis), nobody).health();

    assertThat(result.status()).isEqualTo(Status.DOWN);
    assertThat(result.checks().get("database").status()).isEqualTo(Status.DOWN);
  }

  @Test
  void no_probes_is_up() {
    assertThat(new HealthService(List.of(), nobody).health().status()).isEqualTo(Status.UP);
  }

  @Test
  void the_summary_keeps_every_status_and_withholds_every_detail() {
    redis.set(Status.DOWN, "breaker OPEN: Connection refused: redis.internal/10.0.0.7:6379");
    database.set(Status.UP, "pool 3 busy, 5 idle, 0 waiting");

    Health summary = health.health().summary();

    assertThat(summary.status()).isEqualTo(Status.DEGRADED);
    assertThat(summary.checks().keySet()).containsExactly("database", "redis", "invalidation");
    assertThat(summary.checks().values()).allSatisfy(c -> assertThat(c.detail()).isNull());
    assertThat(summary.checks().get("redis").status()).isEqualTo(Status.DOWN);
    assertThat(summary.toString()).doesNotContain("pool", "refused", "10.0.0.7");
  }

  @Test
  void details_are_for_system_administrators_and_holders_of_metrics_view_only() {
    InMemoryWarden warden = new InMemoryWarden();
    Tenant acme = warden.createTenantWithAdmin("acme");
    warden.addMember(acme, warden.createUser("plain@acme.example"));
    warden.addMember(acme, warden.createUser("watcher@acme.example"));
    warden.createUser("nowhere@example.com");
    Caller admin = warden.login("admin@acme.example");
    var watchers =
        warden
            .roleAdministration()
            .create(admin, new CreateRole("watchers", "", List.of("metrics.view")));
    Caller watcher = warden.login("watcher@acme.example");
    warden.memberAdministration().assign(admin, watchers.id(), watcher.userId(), Optional.empty());

    assertThat(warden.health().mayViewDetails(warden.root())).isTrue();
    assertThat(warden.health().mayViewDetails(admin)).isTrue();
    assertThat(warden.health().mayViewDetails(watcher)).isTrue();
    assertThat(warden.health().mayViewDetails(warden.login("plain@acme.example"))).isFalse();
    assertThat(warden.health().mayViewDetails(warden.login("nowhere@example.com"))).isFalse();
  }
}
