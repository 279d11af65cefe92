package io.warden.adapter.driven.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.warden.adapter.driven.postgres.testing.TestPostgres;
import io.warden.domain.model.permission.BuiltInPermissions;
import io.warden.domain.model.permission.Permission;
import io.warden.domain.model.role.Role;
import io.warden.domain.model.role.RoleId;
import io.warden.domain.model.tenant.TenantId;
import io.warden.domain.model.user.UserId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A database created and filled by the previous release's changelog (before composite roles)
 * upgrades in place when the current Warden starts on it: every row is kept, every user holds what
 * they held, the new inclusion table is there, tenant-isolated and writable by the application, and
 * an upgraded role can include another at once.
 */
class PreviousReleaseUpgradeTest {
  private static final String PREVIOUS_RELEASE = "db/changelog/test-previous-release.xml";

  @Test
  void an_instance_of_the_previous_release_upgrades_in_place_and_keeps_its_data() throws Exception {
    TestPostgres.Database old = TestPostgres.freshDatabaseWithOwner();
    PostgresSettings settings = new PostgresSettings(old.jdbcUrl(), old.user(), old.password(), 1);
    Migrations.run(settings, PREVIOUS_RELEASE);
    assertThat(count(old, "SELECT count(*) FROM pg_class WHERE relname = 'role_includes'"))
        .isZero();

    TenantId tenant = TenantId.random();
    UserId alice = UserId.random();
    UserId bob = UserId.random();
    UUID viewer = UUID.randomUUID();
    UUID editor = UUID.randomUUID();
    Instant expiry = Instant.now().plus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MICROS);
    try (Connection admin = old.connectAsAdmin()) {
      for (Permission p : BuiltInPermissions.ALL) {
        update(
            admin,
            "INSERT INTO permissions VALUES (?, ?) ON CONFLICT DO NOTHING",
            p.name().value(),
            p.description());
      }
      update(admin, "INSERT INTO permissions VALUES ('reports.*', 'every report')");
      update(
          admin,
          "INSERT INTO tenants (id, slug, name, active) VALUES (?, 'acme', 'Acme', true)",
          tenant.value());
      for (UserId user : new UserId[] {alice, bob}) {
        update(
            admin,
            "INSERT INTO users (id, email, display_name, password_hash, active, system_admin,"
                + " tokens_valid_after) VALUES (?, ?, 'U', 'not-a-real-hash', true, false, now())",
            user.value(),
            user.value() + "@upgrade.test");
        update(
            admin,
            "INSERT INTO memberships (tenant_id, user_id, active) VALUES (?, ?, true)",
            tenant.value(),
            user.value());
      }
      for (UUID role : new UUID[] {viewer, editor}) {
        update(
            admin,
            "INSERT INTO roles (id, tenant_id, name, description, system) VALUES (?, ?, ?, '', false)",
            role,
            tenant.value(),
            role.equals(viewer) ? "viewer" : "editor");
      }
      update(
          admin,
          "INSERT INTO role_permissions VALUES (?, ?, 'users.view'), (?, ?, 'reports.*')",
          tenant.value(),
          viewer,
          tenant.value(),
          viewer);
      update(
          admin,
          "INSERT INTO role_permissions VALUES (?, ?, 'roles.edit')",
          tenant.value(),
          editor);
      update(
          admin,
          "INSERT INTO user_roles (tenant_id, user_id, role_id, expires_at) VALUES (?, ?, ?, NULL)",
          tenant.value(),
          alice.value(),
          viewer);
      update(
          admin,
          "INSERT INTO user_roles (tenant_id, user_id, role_id, expires_at) VALUES (?, ?, ?, ?)",
          tenant.value(),
          bob.value(),
          editor,
          java.sql.Timestamp.from(expiry));
    }
    long rowsBefore = rowCount(old);

    try (PostgresPersistence upgraded = PostgresPersistence.start(settings, Clock.systemUTC())) {
      assertThat(upgraded.schemaWasCurrent()).isFalse();
      assertThat(rowCount(old)).isEqualTo(rowsBefore);
      assertThat(upgraded.effectivePermissions().of(tenant, alice).permissions().names())
          .containsExactly("reports.*", "users.view");
      assertThat(
              upgraded.effectivePermissions().of(tenant, alice).permissions().allows("reports.q1"))
          .isTrue();
      assertThat(upgraded.effectivePermissions().of(tenant, bob).permissions().names())
          .containsExactly("roles.edit");
      assertThat(upgraded.effectivePermissions().of(tenant, bob).validUntil()).contains(expiry);
      Role viewerRole =
          upgraded
              .transactions()
              .inTenant(tenant, () -> upgraded.roles().findById(new RoleId(viewer)))
              .orElseThrow();
      assertThat(viewerRole.includes()).isEmpty();

      // The new table works on upgraded data, through the application's own (non-owner) role.
      upgraded
          .transactions()
          .inTenant(
              tenant,
              () -> {
                upgraded.roles().update(viewerRole.withIncludes(Set.of(new RoleId(editor))));
                return null;
              });
      assertThat(upgraded.effectivePermissions().of(tenant, alice).permissions().names())
          .containsExactly("reports.*", "roles.edit", "users.view");
      assertThat(
              count(
                  old,
                  "SELECT count(*) FROM pg_class WHERE relname = 'role_includes'"
                      + " AND relrowsecurity AND relforcerowsecurity"))
          .isEqualTo(1);
    }
  }

  /** Every row of every table the previous release had (its own bookkeeping aside). */
  private static long rowCount(TestPostgres.Database database) throws SQLException {
    return count(
        database,
        "SELECT (SELECT count(*) FROM tenants) + (SELECT count(*) FROM users)"
            + " + (SELECT count(*) FROM permissions) + (SELECT count(*) FROM memberships)"
            + " + (SELECT count(*) FROM roles) + (SELECT count(*) FROM role_permissions)"
            + " + (SELECT count(*) FROM user_roles)");
  }

  private static long count(TestPostgres.Database database, String sql) throws SQLException {
    try (Connection connection = database.connectAsAdmin();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      assertThat(rows.next()).isTrue();
      return rows.getLong(1);
    }
  }

  private static void update(Connection connection, String sql, Object... values)
      throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < values.length; i++) {
        statement.setObject(i + 1, values[i]);
      }
      statement.executeUpdate();
    }
  }
}
