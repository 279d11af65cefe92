package io.warden.adapter.driven.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.warden.domain.event.InvalidationScope;
import io.warden.domain.model.permission.BuiltInPermissions;
import io.warden.domain.model.permission.PermissionName;
import io.warden.domain.model.role.Role;
import io.warden.domain.model.tenant.TenantId;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code warden_grant_to_admin_roles}, what change sets from 034 on use to hand a new built-in
 * permission to every existing admin role: run by the owner (who obeys the tenant policies) it
 * reaches every tenant, stales every cache, and leaves the transaction as tenant-scoped as it found
 * it; the application role may not run it at all.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdminRoleGrantsTest {
  private UpgradeFixture fixture;
  private PostgresPersistence warden;

  @BeforeAll
  void start() {
    fixture = UpgradeFixture.migratedTo(Migrations.CHANGELOG);
    warden = fixture.upgrade();
  }

  @AfterAll
  void stop() {
    if (warden != null) {
      warden.close();
    }
  }

  @Test
  void every_admin_role_gains_the_permissions_and_every_cache_forgets_them() throws SQLException {
    TenantId acme = TenantId.random();
    TenantId globex = TenantId.random();
    String granted = "grants." + suffix();
    String also = "grants." + suffix();
    fixture.update("INSERT INTO permissions VALUES (?, 'test'), (?, 'test')", granted, also);
    List<UUID> admins = List.of(tenantWithAdmin(acme), tenantWithAdmin(globex));
    UUID viewer = fixture.insertRole(acme, "viewer", "users.view");
    long version = warden.dataVersion();
    long epoch = warden.cacheEpochs().current();

    long stamped;
    try (NotificationListener listener = new NotificationListener(warden);
        Connection owner = fixture.connectAsOwner()) {
      stamped = grant(owner, granted, also);
      assertThat(InvalidationMessage.parse(listener.next()))
          .isEqualTo(
              new InvalidationMessage(
                  stamped,
                  InvalidationMessage.CACHE_EPOCH_ADVANCED,
                  new InvalidationScope.Everything()));
    }

    assertThat(stamped).isEqualTo(version + 1);
    assertThat(warden.dataVersion()).isEqualTo(stamped);
    assertThat(warden.cacheEpochs().current()).isEqualTo(epoch + 1);
    for (TenantId tenant : List.of(acme, globex)) {
      assertThat(adminOf(tenant).permissions())
          .contains(new PermissionName(granted), new PermissionName(also));
    }
    for (UUID admin : admins) {
      assertThat(fixture.number("SELECT version FROM roles WHERE id = ?", admin))
          .isEqualTo(stamped);
    }
    assertThat(fixture.number("SELECT version FROM roles WHERE id = ?", viewer))
        .isLessThan(stamped);
    assertThat(
            fixture.number(
                "SELECT count(*) FROM role_permissions WHERE role_id = ?"
                    + " AND permission_name <> 'users.view'",
                viewer))
        .isZero();
  }

  @Test
  void granting_again_adds_no_second_row_but_still_stales_the_caches() throws SQLException {
    TenantId acme = TenantId.random();
    String granted = "grants." + suffix();
    fixture.update("INSERT INTO permissions VALUES (?, 'test')", granted);
    UUID admin = tenantWithAdmin(acme);
    long epoch = warden.cacheEpochs().current();

    try (Connection owner = fixture.connectAsOwner()) {
      grant(owner, granted);
      grant(owner, granted);
    }

    assertThat(
            fixture.number(
                "SELECT count(*) FROM role_permissions WHERE role_id = ? AND permission_name = ?",
                admin,
                granted))
        .isEqualTo(1);
    assertThat(warden.cacheEpochs().current()).isEqualTo(epoch + 2);
  }

  @Test
  void the_transaction_is_tenant_scoped_again_afterwards() throws SQLException {
    tenantWithAdmin(TenantId.random());
    try (Connection owner = fixture.connectAsOwner()) {
      owner.setAutoCommit(false);
      try {
        grant(owner, BuiltInPermissions.USERS_VIEW.value());
        // Row-level security applies to the owner (FORCE): with the cross-tenant setting put
        // back, no tenant's role is visible any more.
        assertThat(number(owner, "SELECT count(*) FROM roles")).isZero();
        try (Statement statement = owner.createStatement();
            ResultSet setting =
                statement.executeQuery("SELECT current_setting('warden.cross_tenant', true)")) {
          assertThat(setting.next()).isTrue();
          assertThat(setting.getString(1)).isNotEqualTo("on");
        }
      } finally {
        owner.rollback();
      }
    }
  }

  @Test
  void the_application_role_may_not_run_it() throws SQLException {
    UUID admin = tenantWithAdmin(TenantId.random());
    String granted = "grants." + suffix();
    fixture.update("INSERT INTO permissions VALUES (?, 'test')", granted);
    long epoch = warden.cacheEpochs().current();

    try (Connection application = warden.openDedicatedConnection()) {
      assertThatThrownBy(() -> grant(application, granted))
          .isInstanceOfSatisfying(
              SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("42501"));
    }

    assertThat(warden.cacheEpochs().current()).isEqualTo(epoch);
    assertThat(
            fixture.number(
                "SELECT count(*) FROM role_permissions WHERE role_id = ? AND permission_name = ?",
                admin,
                granted))
        .isZero();
  }

  private UUID tenantWithAdmin(TenantId tenant) throws SQLException {
    fixture.insertTenant(tenant);
    return fixture.insertAdminRole(tenant, List.of());
  }

  private Role adminOf(TenantId tenant) {
    return warden
        .transactions()
        .inTenant(tenant, () -> warden.roles().findByName("admin"))
        .orElseThrow();
  }

  private static long grant(Connection connection, String... permissions) throws SQLException {
    String arguments = String.join(", ", Collections.nCopies(permissions.length, "?"));
    try (var call =
        connection.prepareStatement("SELECT warden_grant_to_admin_roles(" + arguments + ")")) {
      for (int i = 0; i < permissions.length; i++) {
        call.setString(i + 1, permissions[i]);
      }
      try (ResultSet result = call.executeQuery()) {
        assertThat(result.next()).isTrue();
        return result.getLong(1);
      }
    }
  }

  private static long number(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      assertThat(rows.next()).isTrue();
      return rows.getLong(1);
    }
  }

  private static String suffix() {
    return UUID.randomUUID().toString().substring(0, 8);
  }
}
