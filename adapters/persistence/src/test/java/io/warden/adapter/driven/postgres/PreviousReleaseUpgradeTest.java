package io.warden.adapter.driven.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.warden.domain.model.permission.BuiltInPermissions;
import io.warden.domain.model.role.Role;
import io.warden.domain.model.role.RoleId;
import io.warden.domain.model.tenant.TenantId;
import io.warden.domain.model.user.UserId;
import java.sql.SQLException;
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
  @Test
  void an_instance_of_the_previous_release_upgrades_in_place_and_keeps_its_data() throws Exception {
    UpgradeFixture old = UpgradeFixture.migratedTo(UpgradeFixture.PREVIOUS_RELEASE);
    assertThat(old.number("SELECT count(*) FROM pg_class WHERE relname = 'role_includes'"))
        .isZero();

    TenantId tenant = TenantId.random();
    UserId alice = UserId.random();
    UserId bob = UserId.random();
    Instant expiry = Instant.now().plus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MICROS);
    old.insertPermissions(BuiltInPermissions.ALL);
    old.update("INSERT INTO permissions VALUES ('reports.*', 'every report')");
    old.insertTenant(tenant);
    for (UserId user : new UserId[] {alice, bob}) {
      old.insertUser(user);
      old.insertMember(tenant, user);
    }
    UUID viewer = old.insertRole(tenant, "viewer", "users.view", "reports.*");
    UUID editor = old.insertRole(tenant, "editor", "roles.edit");
    old.update(
        "INSERT INTO user_roles (tenant_id, user_id, role_id, expires_at) VALUES (?, ?, ?, NULL)",
        tenant.value(),
        alice.value(),
        viewer);
    old.update(
        "INSERT INTO user_roles (tenant_id, user_id, role_id, expires_at) VALUES (?, ?, ?, ?)",
        tenant.value(),
        bob.value(),
        editor,
        java.sql.Timestamp.from(expiry));
    long rowsBefore = rowCount(old);

    try (PostgresPersistence upgraded = old.upgrade()) {
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
              old.number(
                  "SELECT count(*) FROM pg_class WHERE relname = 'role_includes'"
                      + " AND relrowsecurity AND relforcerowsecurity"))
          .isEqualTo(1);
    }
  }

  /** Every row of every table the previous release had (its own bookkeeping aside). */
  private static long rowCount(UpgradeFixture database) throws SQLException {
    return database.number(
        "SELECT (SELECT count(*) FROM tenants) + (SELECT count(*) FROM users)"
            + " + (SELECT count(*) FROM permissions) + (SELECT count(*) FROM memberships)"
            + " + (SELECT count(*) FROM roles) + (SELECT count(*) FROM role_permissions)"
            + " + (SELECT count(*) FROM user_roles)");
  }
}
