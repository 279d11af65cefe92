package io.warden.adapter.driven.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.warden.adapter.driven.postgres.testing.TestPostgres;
import io.warden.domain.model.permission.BuiltInPermissions;
import io.warden.domain.model.permission.Permission;
import io.warden.domain.model.permission.PermissionName;
import io.warden.domain.model.tenant.TenantId;
import io.warden.domain.model.user.UserId;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * A database of an older schema, as the upgrade tests need it: owned by a user that obeys the
 * tenant policies (FORCE row-level security), migrated to an older changelog, filled behind the
 * application's back as the superuser (the way that release's rows came to be), then started with
 * the current changelog.
 */
final class UpgradeFixture {
  /** The changelog of the previous release (see test-previous-release.xml). */
  static final String PREVIOUS_RELEASE = "db/changelog/test-previous-release.xml";

  /** The schema before changeset 004 (see test-before-escalation.xml). */
  static final String BEFORE_ESCALATION = "db/changelog/test-before-escalation.xml";

  final TestPostgres.Database database;
  final PostgresSettings settings;

  private UpgradeFixture(TestPostgres.Database database) {
    this.database = database;
    this.settings =
        new PostgresSettings(database.jdbcUrl(), database.user(), database.password(), 1);
  }

  /** A new owned database migrated to {@code changelog} (a class-path resource). */
  static UpgradeFixture migratedTo(String changelog) {
    UpgradeFixture fixture = new UpgradeFixture(TestPostgres.freshDatabaseWithOwner());
    Migrations.run(fixture.settings, changelog);
    return fixture;
  }

  /** Starts the current Warden on it: the upgrade itself. */
  PostgresPersistence upgrade() {
    return PostgresPersistence.start(settings, Clock.systemUTC());
  }

  /** A connection as the owner (the configured user), auto-commit on. */
  Connection connectAsOwner() throws SQLException {
    return DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
  }

  /** One statement as the superuser (row-level security does not apply). */
  void update(String sql, Object... values) throws SQLException {
    try (Connection admin = database.connectAsAdmin();
        PreparedStatement statement = admin.prepareStatement(sql)) {
      for (int i = 0; i < values.length; i++) {
        statement.setObject(i + 1, values[i]);
      }
      statement.executeUpdate();
    }
  }

  /** One number as the superuser sees it. */
  long number(String sql, Object... values) throws SQLException {
    try (Connection admin = database.connectAsAdmin();
        PreparedStatement statement = admin.prepareStatement(sql)) {
      for (int i = 0; i < values.length; i++) {
        statement.setObject(i + 1, values[i]);
      }
      try (ResultSet rows = statement.executeQuery()) {
        assertThat(rows.next()).as(sql).isTrue();
        return rows.getLong(1);
      }
    }
  }

  /** The built-in permissions but {@code later}: what a release before those existed defined. */
  static List<Permission> builtInsExcept(PermissionName... later) {
    Set<PermissionName> excluded = Set.of(later);
    return BuiltInPermissions.ALL.stream().filter(p -> !excluded.contains(p.name())).toList();
  }

  void insertPermissions(Collection<Permission> permissions) throws SQLException {
    for (Permission p : permissions) {
      update(
          "INSERT INTO permissions VALUES (?, ?) ON CONFLICT DO NOTHING",
          p.name().value(),
          p.description());
    }
  }

  void insertTenant(TenantId tenant) throws SQLException {
    update(
        "INSERT INTO tenants (id, slug, name, active) VALUES (?, ?, 'T', true)",
        tenant.value(),
        "t-" + tenant.value());
  }

  /** An active user, not a system administrator, with a password hash nobody can log in with. */
  void insertUser(UserId user) throws SQLException {
    update(
        "INSERT INTO users (id, email, display_name, password_hash, active, system_admin,"
            + " tokens_valid_after) VALUES (?, ?, 'U', 'not-a-real-hash', true, false, now())",
        user.value(),
        user.value() + "@upgrade.test");
  }

  void insertMember(TenantId tenant, UserId user) throws SQLException {
    update(
        "INSERT INTO memberships (tenant_id, user_id, active) VALUES (?, ?, true)",
        tenant.value(),
        user.value());
  }

  /** The tenant's built-in admin role, holding {@code permissions}; its id. */
  UUID insertAdminRole(TenantId tenant, Collection<Permission> permissions) throws SQLException {
    UUID role = UUID.randomUUID();
    update(
        "INSERT INTO roles (id, tenant_id, name, description, system)"
            + " VALUES (?, ?, 'admin', 'Built-in administrator', true)",
        role,
        tenant.value());
    for (Permission p : permissions) {
      grant(tenant, role, p.name().value());
    }
    return role;
  }

  /** A tenant's own (not built-in) role granting {@code permissions}; its id. */
  UUID insertRole(TenantId tenant, String name, String... permissions) throws SQLException {
    UUID role = UUID.randomUUID();
    update(
        "INSERT INTO roles (id, tenant_id, name, description, system) VALUES (?, ?, ?, '', false)",
        role,
        tenant.value(),
        name);
    for (String permission : permissions) {
      grant(tenant, role, permission);
    }
    return role;
  }

  private void grant(TenantId tenant, UUID role, String permission) throws SQLException {
    update("INSERT INTO role_permissions VALUES (?, ?, ?)", tenant.value(), role, permission);
  }
}
