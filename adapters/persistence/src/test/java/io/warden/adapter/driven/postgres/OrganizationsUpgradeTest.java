package io.warden.adapter.driven.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.warden.domain.model.organization.Organization;
import io.warden.domain.model.organization.OrganizationId;
import io.warden.domain.model.permission.BuiltInPermissions;
import io.warden.domain.model.permission.Permission;
import io.warden.domain.model.role.Role;
import io.warden.domain.model.role.RoleAssignment;
import io.warden.domain.model.tenant.TenantId;
import io.warden.domain.model.user.UserId;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Changeset 034 on a database of the previous release, owned by a user that obeys the tenant
 * policies: every existing admin role gains {@code orgs.view} and {@code orgs.manage} under a new
 * cache epoch, other roles are untouched, and the new tables are there, tenant-isolated and
 * writable by the application.
 */
class OrganizationsUpgradeTest {

  @Test
  void existing_admin_roles_gain_the_organization_permissions_and_the_tree_is_usable()
      throws SQLException {
    UpgradeFixture old = UpgradeFixture.migratedTo(UpgradeFixture.PREVIOUS_RELEASE);
    List<Permission> before =
        UpgradeFixture.builtInsExcept(BuiltInPermissions.ORGS_VIEW, BuiltInPermissions.ORGS_MANAGE);
    TenantId acme = TenantId.random();
    old.insertPermissions(before);
    old.insertTenant(acme);
    old.insertAdminRole(acme, before);
    UUID viewer = old.insertRole(acme, "viewer", "users.view");
    UserId alice = UserId.random();
    old.insertUser(alice);
    old.insertMember(acme, alice);
    old.update(
        "INSERT INTO user_roles (tenant_id, user_id, role_id) VALUES (?, ?, ?)",
        acme.value(),
        alice.value(),
        viewer);
    long epochBefore = old.number("SELECT cache_epoch FROM rbac_clock");

    try (PostgresPersistence upgraded = old.upgrade()) {
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
            old.number(
                "SELECT count(*) FROM pg_class WHERE relname IN"
                    + " ('organizations', 'organization_members', 'scoped_user_roles')"
                    + " AND relrowsecurity AND relforcerowsecurity"))
        .isEqualTo(3);
  }
}
