package io.warden.adapter.driven.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.warden.adapter.driven.postgres.testing.TestPostgres;
import io.warden.domain.model.permission.BuiltInPermissions;
import io.warden.domain.model.permission.Permission;
import io.warden.domain.model.permission.PermissionName;
import io.warden.domain.model.role.Role;
import io.warden.domain.model.tenant.TenantId;
import io.warden.domain.model.user.UserId;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * Starting is repeatable and safe when instances start together, and a start on a schema already
 * migrated to this changelog skips Liquibase only when nothing of it would be needed.
 */
class MigrationTest extends PostgresTestBase {
  /** How many times the always-run change set (the grants) has run on this database. */
  private static final String GRANT_RUNS =
      "SELECT count(*) FROM databasechangelog WHERE id = '900-application-role'"
          + " AND dateexecuted > now() - interval '1 minute' AND exectype = 'RERAN'";

  private PostgresPersistence startAgain(TestPostgres.Database on) {
    return PostgresPersistence.start(on.jdbcUrl(), on.user(), on.password(), 1, clock);
  }

  @Test
  void the_first_start_migrates_and_records_the_changelog_it_migrated_to() {
    TestPostgres.Database fresh = TestPostgres.freshDatabase();
    try (PostgresPersistence first = startAgain(fresh)) {
      assertThat(first.schemaWasCurrent()).isFalse();
    }
    String fingerprint =
        ChangelogFingerprint.of(getClass().getClassLoader(), Migrations.CHANGELOG).orElseThrow();
    try (var connection = fresh.connectAsAdmin();
        var statement = connection.createStatement();
        var rows = statement.executeQuery("SELECT fingerprint FROM schema_fingerprints")) {
      assertThat(rows.next()).isTrue();
      assertThat(rows.getString(1)).isEqualTo(fingerprint);
      assertThat(rows.next()).isFalse();
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void a_start_on_a_schema_at_this_changelog_skips_liquibase() {
    adminExecute("UPDATE databasechangelog SET dateexecuted = now() - interval '1 hour'");

    try (PostgresPersistence again = startAgain(database)) {
      assertThat(again.schemaWasCurrent()).isTrue();
      // The always-run change set would have stamped its row had Liquibase run.
      assertThat(adminCount(GRANT_RUNS)).isZero();
      assertThat(again.transactions().acrossTenants(() -> again.permissions().findAll()))
          .containsAll(BuiltInPermissions.ALL);
    }
  }

  @Test
  void a_changelog_this_database_was_never_migrated_to_runs_liquibase() {
    // As if the changelog had grown: the recorded fingerprint is not this changelog's.
    adminExecute("UPDATE schema_fingerprints SET fingerprint = 'an older changelog'");
    adminExecute("UPDATE databasechangelog SET dateexecuted = now() - interval '1 hour'");

    try (PostgresPersistence again = startAgain(database)) {
      assertThat(again.schemaWasCurrent()).isFalse();
      assertThat(adminCount(GRANT_RUNS)).isEqualTo(1);
      assertThat(adminCount("SELECT count(*) FROM schema_fingerprints")).isEqualTo(2);
    }
    try (PostgresPersistence third = startAgain(database)) {
      assertThat(third.schemaWasCurrent()).isTrue();
    }
  }

  @Test
  void a_configured_user_no_longer_in_the_application_role_runs_liquibase_which_grants_it() {
    TestPostgres.Database owned = TestPostgres.freshDatabaseWithOwner();
    startAgain(owned).close();
    // The owner may grant warden_app (it created it); a DBA revoking it, or a new configured user,
    // leaves a user that could not SET ROLE: the always-run change set must run again.
    try (var connection = owned.connectAsAdmin();
        var statement = connection.createStatement()) {
      statement.execute("REVOKE warden_app FROM " + owned.user());
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }

    try (PostgresPersistence again = startAgain(owned)) {
      assertThat(again.schemaWasCurrent()).isFalse();
      assertThat(again.transactions().acrossTenants(() -> again.permissions().findAll()))
          .containsAll(BuiltInPermissions.ALL);
    }
  }

  @Test
  void restarting_on_a_migrated_database_keeps_the_data() {
    TenantId tenant = newTenant();
    Role role = newRole(tenant, "survives.restart");
    UserId user = newMemberHolding(tenant, role);

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

  @Test
  void the_escalation_overrides_reach_an_existing_database_and_every_existing_admin_role()
      throws SQLException {
    // A database of the schema before the overrides existed, owned by a user that obeys the
    // tenant policies (FORCE): the changeset must work there too, not only as a superuser.
    UpgradeFixture old = UpgradeFixture.migratedTo(UpgradeFixture.BEFORE_ESCALATION);
    List<Permission> before =
        UpgradeFixture.builtInsExcept(
            BuiltInPermissions.ROLES_ESCALATE, BuiltInPermissions.ROLES_BIND);
    TenantId acme = TenantId.random();
    TenantId globex = TenantId.random();
    old.insertPermissions(before);
    for (TenantId tenant : List.of(acme, globex)) {
      old.insertTenant(tenant);
      old.insertAdminRole(tenant, before);
    }
    old.insertRole(acme, "editor", "roles.edit");
    long versionBefore = old.number("SELECT version FROM rbac_clock");
    long epochBefore = old.number("SELECT cache_epoch FROM rbac_clock");

    try (PostgresPersistence upgraded = old.upgrade()) {
      List<PermissionName> all = BuiltInPermissions.ALL.stream().map(Permission::name).toList();
      for (TenantId tenant : List.of(acme, globex)) {
        Role admin =
            upgraded
                .transactions()
                .inTenant(tenant, () -> upgraded.roles().findByName("admin"))
                .orElseThrow();
        assertThat(admin.permissions()).containsExactlyInAnyOrderElementsOf(all);
      }
      Role editor =
          upgraded
              .transactions()
              .inTenant(acme, () -> upgraded.roles().findByName("editor"))
              .orElseThrow();
      assertThat(editor.permissions()).containsExactly(BuiltInPermissions.ROLES_EDIT);
      assertThat(upgraded.transactions().acrossTenants(() -> upgraded.permissions().findAll()))
          .containsAll(BuiltInPermissions.ALL);
      // Caches of the admin roles' holders are stale: a new data version on the changed roles
      // and a new shared-cache epoch, so nothing read before the upgrade is served after it.
      long versionAfter = old.number("SELECT version FROM rbac_clock");
      assertThat(versionAfter).isGreaterThan(versionBefore);
      // One epoch per change set that hands built-in permissions to the admin roles (004, 031
      // audit.view, 034 organizations).
      assertThat(upgraded.cacheEpochs().current()).isEqualTo(epochBefore + 3);
      assertThat(old.number("SELECT count(*) FROM roles WHERE version = ?", versionAfter))
          .isEqualTo(2);
    }
  }
}
