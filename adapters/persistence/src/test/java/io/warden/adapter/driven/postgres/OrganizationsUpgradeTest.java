package io.warden.adapter.driven.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.warden.adapter.driven.postgres.testing.TestPostgres;
import io.warden.domain.model.organization.Organization;
import io.warden.domain.model.organization.OrganizationId;
import io.warden.domain.model.permission.BuiltInPermissions;
import io.warden.domain.model.permission.Permission;
import io.warden.domain.model.role.Role;
import io.warden.domain.model.role.RoleAssignment;
import io.warden.domain.model.tenant.TenantId;
import io.warden.domain.model.user.UserId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Changesets 034 and 035 on a database of the previous release, owned by a user that obeys the
 * tenant policies: every existing admin role gains {@code orgs.view} and {@code orgs.manage} under
 * a new cache epoch, other roles are untouched, an existing assignment stays tenant-wide, and the
 * new tables (organizations, their members, organization-scoped assignments) are there,
 * tenant-isolated and writable by the application.
 */
class OrganizationsUpgradeTest {

  @Test
  void existing_admin_roles_gain_the_organization_permissions_and_the_tree_is_usable()
      throws SQLException {
    TestPostgres.Database old = TestPostgres.freshDatabaseWithOwner();
    PostgresSettings settings = new PostgresSettings(old.jdbcUrl(), old.user(), old.password(), 1);
    Migrations.run(settings, "db/changelog/test-previous-release.xml");
    List<Permission> before =
        BuiltInPermissions.ALL.stream()
            .filter(
                p ->
                    !p.name().equals(BuiltInPermissions.ORGS_VIEW)
                        && !p.name().equals(BuiltInPermissions.ORGS_MANAGE))
            .toList();
    TenantId acme = TenantId.random();
    UUID adminRole = UUID.randomUUID();
    UUID viewer = UUID.randomUUID();
    UserId alice = UserId.random();
    try (Connection admin = old.connectAsAdmin()) {
      for (Permission p : before) {
        update(
            admin,
            "INSERT INTO permissions VALUES (?, ?) ON CONFLICT DO NOTHING",
            p.name().value(),
            p.description());
      }
      update(
          admin,
          "INSERT INTO tenants (id, slug, name, active) VALUES (?, ?, 'T', true)",
          acme.value(),
          "t-" + acme.value());
      update(
          admin,
          "INSERT INTO roles (id, tenant_id, name, description, system)"
              + " VALUES (?, ?, 'admin', 'Built-in administrator', true),"
              + " (?, ?, 'viewer', '', false)",
          adminRole,
          acme.value(),
          viewer,
          acme.value());
      for (Permission p : before) {
        update(
            admin,
            "INSERT INTO role_permissions VALUES (?, ?, ?)",
            acme.value(),
            adminRole,
            p.name().value());
      }
      update(
          admin, "INSERT INTO role_permissions VALUES (?, ?, 'users.view')", acme.value(), viewer);
      update(
          admin,
          "INSERT INTO users (id, email, display_name, password_hash, active, system_admin,"
              + " tokens_valid_after) VALUES (?, ?, 'U', 'not-a-real-hash', true, false, now())",
          alice.value(),
          alice.value() + "@upgrade.test");
      update(
          admin,
          "INSERT INTO memberships (tenant_id, user_id, active) VALUES (?, ?, true)",
          acme.value(),
          alice.value());
      update(
          admin,
          "INSERT INTO user_roles (tenant_id, user_id, role_id) VALUES (?, ?, ?)",
          acme.value(),
          alice.value(),
          viewer);
    }
    long epochBefore = count(old, "SELECT cache_epoch FROM rbac_clock");

    try (PostgresPersistence upgraded = PostgresPersistence.start(settings, Clock.systemUTC())) {
      Role admin =
          upgraded
              .transactions()
              .inTenant(acme, () -> upgraded.roles().findByName("admin"))
              .orElseThrow();
      assertThat(admin.permissions())
          .contains(BuiltInPermissions.ORGS_VIEW, BuiltInPermissions.ORGS_MANAGE);
      Role viewerRole =
          upgraded
              .transactions()
              .inTenant(acme, () -> upgraded.roles().findByName("viewer"))
              .orElseThrow();
      assertThat(viewerRole.permissions()).containsExactly(BuiltInPermissions.USERS_VIEW);
      assertThat(upgraded.cacheEpochs().current()).isGreaterThan(epochBefore);

      Organization org = new Organization(OrganizationId.random(), acme, "HQ", Optional.empty());
      upgraded
          .transactions()
          .inTenant(
              acme,
              () -> {
                upgraded.organizations().insert(org);
                return null;
              });
      assertThat(upgraded.transactions().inTenant(acme, () -> upgraded.organizations().findAll()))
          .containsExactly(org);
      TenantId other = TenantId.random();
      assertThat(upgraded.transactions().inTenant(other, () -> upgraded.organizations().findAll()))
          .isEmpty();

      // The assignment made before the upgrade is still tenant-wide; a scoped one sits beside it.
      RoleAssignment scoped =
          new RoleAssignment(acme, alice, admin.id(), Optional.empty(), Optional.of(org.id()));
      upgraded.transactions().inTenant(acme, () -> upgraded.roles().assign(scoped));
      assertThat(
              upgraded
                  .transactions()
                  .inTenant(acme, () -> upgraded.roles().rolesOf(alice, java.time.Instant.now())))
          .containsExactly(viewerRole);
      assertThat(
              upgraded
                  .transactions()
                  .inTenant(acme, () -> upgraded.roles().scopedAssignmentsOf(alice)))
          .containsExactly(scoped);
      assertThat(
              upgraded
                  .transactions()
                  .inTenant(other, () -> upgraded.roles().scopedAssignmentsOf(alice)))
          .isEmpty();
    }
    assertThat(
            count(
                old,
                "SELECT count(*) FROM pg_class WHERE relname IN"
                    + " ('organizations', 'organization_members', 'scoped_user_roles')"
                    + " AND relrowsecurity AND relforcerowsecurity"))
        .isEqualTo(3);
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
