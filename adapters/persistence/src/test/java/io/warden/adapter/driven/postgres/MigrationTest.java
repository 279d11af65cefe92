package io.warden.adapter.driven.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.warden.adapter.driven.postgres.testing.TestPostgres;
import io.warden.domain.model.permission.BuiltInPermissions;
import io.warden.domain.model.role.Role;
import io.warden.domain.model.tenant.TenantId;
import io.warden.domain.model.user.UserId;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Starting is repeatable and safe when instances start together. */
class MigrationTest extends PostgresTestBase {

  @Test
  void restarting_on_a_migrated_database_keeps_the_data() {
    TenantId tenant = newTenant();
    UserId user = newMember(tenant);
    Role role = newRole(tenant, "survives.restart");
    assign(tenant, user, role, Optional.empty());

    try (PostgresPersistence again =
        PostgresPersistence.start(
            database.jdbcUrl(), database.user(), database.password(), 2, clock)) {
      assertThat(again.effectivePermissions().of(tenant, user).permissions().names())
          .containsExactly("survives.restart");
      assertThat(adminCount("SELECT count(*) FROM databasechangelog WHERE id = '001-tenants'"))
          .isEqualTo(1);
    }
  }

  @Test
  void instances_starting_together_on_a_fresh_database_all_succeed() throws Exception {
    TestPostgres.Database fresh = TestPostgres.freshDatabase();
    List<CompletableFuture<PostgresPersistence>> starts = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      starts.add(
          CompletableFuture.supplyAsync(
              () ->
                  PostgresPersistence.start(
                      fresh.jdbcUrl(), fresh.user(), fresh.password(), 1, Clock.systemUTC())));
    }
    List<PostgresPersistence> started = new ArrayList<>();
    try {
      for (CompletableFuture<PostgresPersistence> start : starts) {
        started.add(start.get());
      }
      for (PostgresPersistence instance : started) {
        assertThat(instance.transactions().acrossTenants(() -> instance.permissions().findAll()))
            .containsAll(BuiltInPermissions.ALL);
      }
    } finally {
      started.forEach(PostgresPersistence::close);
    }
  }
}
