package io.warden.adapter.driven.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.warden.application.port.driven.Unavailable;
import io.warden.application.port.driving.HealthUseCase;
import io.warden.domain.model.tenant.TenantId;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A database that is gone, slow or saturated is {@link Unavailable}, and health says so. */
class FailureAndHealthTest extends PostgresTestBase {

  @Test
  void the_database_probe_is_critical_and_up_while_the_database_answers() {
    HealthUseCase.Check check = db.healthProbe().probe();

    assertThat(db.healthProbe().name()).isEqualTo("database");
    assertThat(db.healthProbe().critical()).isTrue();
    assertThat(check.status()).isEqualTo(HealthUseCase.Status.UP);
    assertThat(check.detail()).contains("pool");
  }

  @Test
  void a_connection_lost_in_the_middle_of_a_transaction_is_unavailable_and_the_pool_recovers() {
    TenantId tenant = newTenant();

    assertThatThrownBy(
            () ->
                inTenant(
                    tenant,
                    () -> {
                      Object pid =
                          RowLevelSecurityTest.row(
                                  db.postgresTransactions().connection(), "SELECT pg_backend_pid()")
                              .get(0);
                      adminExecute("SELECT pg_terminate_backend(" + pid + ")");
                      return db.roles().findAll();
                    }))
        .isInstanceOf(Unavailable.class);

    // The broken connection is discarded; the next transaction gets a healthy one.
    assertThat(inTenant(tenant, () -> db.roles().findAll())).isEmpty();
  }

  @Test
  void a_saturated_pool_is_unavailable_after_the_connection_timeout() throws Exception {
    try (PostgresPersistence single =
        PostgresPersistence.start(
            new PostgresSettings(
                database.jdbcUrl(),
                database.user(),
                database.password(),
                1,
                Duration.ofMillis(250)),
            Clock.systemUTC())) {
      CountDownLatch holding = new CountDownLatch(1);
      CountDownLatch release = new CountDownLatch(1);
      CompletableFuture<Object> holder =
          CompletableFuture.supplyAsync(
              () ->
                  single
                      .transactions()
                      .acrossTenants(
                          () -> {
                            holding.countDown();
                            try {
                              return release.await(60, TimeUnit.SECONDS);
                            } catch (InterruptedException e) {
                              Thread.currentThread().interrupt();
                              return false;
                            }
                          }));
      try {
        assertThat(holding.await(60, TimeUnit.SECONDS)).isTrue();
        assertThatThrownBy(() -> single.transactions().acrossTenants(() -> 1))
            .isInstanceOf(Unavailable.class);
      } finally {
        release.countDown();
        holder.get(60, TimeUnit.SECONDS);
      }
      assertThat(single.transactions().acrossTenants(() -> 1)).isEqualTo(1);
    }
  }

  @Test
  void a_closed_pool_reports_the_database_down() {
    PostgresPersistence closed =
        PostgresPersistence.start(
            new PostgresSettings(database.jdbcUrl(), database.user(), database.password(), 1),
            Clock.systemUTC());
    closed.close();

    HealthUseCase.Check check = closed.healthProbe().probe();

    assertThat(check.status()).isEqualTo(HealthUseCase.Status.DOWN);
  }

  @Test
  void starting_against_a_server_that_does_not_answer_is_unavailable() {
    assertThatThrownBy(
            () ->
                PostgresPersistence.start(
                    "jdbc:postgresql://127.0.0.1:1/warden", "nobody", "", 1, Clock.systemUTC()))
        .isInstanceOf(Unavailable.class);
  }

  @Test
  void settings_never_print_the_password() {
    PostgresSettings settings =
        new PostgresSettings("jdbc:postgresql://db/warden", "warden", "s3cret-value", 4);

    assertThat(settings.toString()).doesNotContain("s3cret-value").contains("warden");
  }
}
