package io.warden.adapter.driven.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.warden.adapter.driven.postgres.testing.TestPostgres;
import io.warden.domain.model.permission.Permission;
import io.warden.domain.model.permission.PermissionName;
import io.warden.domain.model.role.Role;
import io.warden.domain.model.tenant.Tenant;
import io.warden.domain.model.user.Email;
import io.warden.domain.model.user.Membership;
import io.warden.domain.model.user.User;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Configured as the owner of every table (not a superuser): the pool must still act as {@code
 * warden_app} and row-level security must still hold, FORCE or not.
 */
class TableOwnerTest extends PostgresTestBase {

  @Override
  protected TestPostgres.Database newDatabase() {
    return TestPostgres.freshDatabaseWithOwner();
  }

  @Override
  protected int poolSize() {
    return 2;
  }

  @Test
  void the_configured_user_owns_the_tables_but_the_pool_does_not_act_as_it() throws SQLException {
    try (Connection admin = database.connectAsAdmin()) {
      assertThat(
              RowLevelSecurityTest.count(
                  admin,
                  "SELECT count(*) FROM pg_tables WHERE schemaname = 'public' AND tableowner = '"
                      + database.user()
                      + "' AND tablename IN ('memberships', 'roles', 'role_permissions',"
                      + " 'user_roles')"))
          .isEqualTo(4);
      assertThat(
              RowLevelSecurityTest.count(
                  admin,
                  "SELECT count(*) FROM pg_roles WHERE rolname = '"
                      + database.user()
                      + "' AND NOT rolsuper AND NOT rolbypassrls"))
          .isEqualTo(1);
    }

    assertThat(
            db.transactions()
                .acrossTenants(
                    () ->
                        RowLevelSecurityTest.row(
                            db.postgresTransactions().connection(), "SELECT current_user::text")))
        .containsExactly("warden_app");
  }

  @Test
  void tenant_isolation_holds_with_the_owner_configured() throws SQLException {
    Tenant a = Tenant.create("owner-a", "A");
    Tenant b = Tenant.create("owner-b", "B");
    User user = User.create(new Email("owner-test@example.com"), "U", "h", false, clock.instant());
    PermissionName permission = new PermissionName("owner.test");
    db.transactions()
        .acrossTenants(
            () -> {
              db.tenants().insert(a);
              db.tenants().insert(b);
              db.users().insert(user);
              db.permissions().insertMissing(List.of(new Permission(permission, "p")));
              return null;
            });
    Role roleOfB = Role.create(b.id(), "r", "", Set.of(permission));
    db.transactions()
        .inTenant(
            b.id(),
            () -> {
              db.memberships().insert(new Membership(b.id(), user.id(), true));
              db.roles().insert(roleOfB);
              return null;
            });

    assertThat(db.transactions().inTenant(a.id(), () -> db.roles().findById(roleOfB.id())))
        .isEmpty();
    assertThat(
            db.transactions()
                .inTenant(
                    a.id(),
                    () ->
                        RowLevelSecurityTest.count(
                            db.postgresTransactions().connection(), "SELECT count(*) FROM roles")))
        .isZero();
    try (Connection raw = db.pool().getConnection()) {
      assertThat(RowLevelSecurityTest.count(raw, "SELECT count(*) FROM memberships")).isZero();
      raw.rollback();
    }
    // Even the owner's own direct connection sees nothing without a tenant: the policy is forced.
    try (Connection owner =
        Migrations.open(
            new PostgresSettings(database.jdbcUrl(), database.user(), database.password(), 1),
            "owner-check")) {
      assertThat(RowLevelSecurityTest.count(owner, "SELECT count(*) FROM roles")).isZero();
    }
  }
}
