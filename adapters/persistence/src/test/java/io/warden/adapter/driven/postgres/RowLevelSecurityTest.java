package io.warden.adapter.driven.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.warden.domain.model.audit.AuditEvent;
import io.warden.domain.model.organization.Organization;
import io.warden.domain.model.organization.OrganizationId;
import io.warden.domain.model.permission.PermissionName;
import io.warden.domain.model.role.Role;
import io.warden.domain.model.role.RoleAssignment;
import io.warden.domain.model.tenant.TenantId;
import io.warden.domain.model.user.Email;
import io.warden.domain.model.user.Invitation;
import io.warden.domain.model.user.UserId;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Tenant isolation as the database enforces it: these tests go behind the repositories' back with
 * raw SQL on the application's own connections and try to read or change another tenant's rows.
 */
class RowLevelSecurityTest extends PostgresTestBase {
  /** The tables the start-up check verifies: exactly those the schema protects (tested below). */
  private static final List<String> TENANT_OWNED = IsolationChecks.TENANT_OWNED_TABLES;

  private TenantId tenantA;
  private TenantId tenantB;
  private UserId memberOfB;
  private Role roleOfB;

  @BeforeAll
  void twoTenants() {
    tenantA = newTenant();
    tenantB = newTenant();
    UserId memberOfA = newMember(tenantA);
    assign(
        tenantA,
        memberOfA,
        includingAnother(tenantA, newRole(tenantA, "rls.test")),
        Optional.empty());
    memberOfB = newMember(tenantB);
    roleOfB = includingAnother(tenantB, newRole(tenantB, "rls.test"));
    assign(tenantB, memberOfB, roleOfB, Optional.empty());
    invite(tenantA, memberOfA);
    invite(tenantB, memberOfB);
    organize(tenantA, memberOfA);
    organize(tenantB, memberOfB);
    for (TenantId tenant : List.of(tenantA, tenantB)) {
      inTenantDo(
          tenant,
          () ->
              db.auditLog()
                  .append(
                      new AuditEvent(
                          UUID.randomUUID(),
                          clock.instant(),
                          Optional.empty(),
                          "rls.test",
                          Optional.of(tenant),
                          Map.of(),
                          Map.of(),
                          Optional.empty())));
    }
  }

  /**
   * An organization of the tenant with one member who holds a role there: rows in organizations,
   * organization_members, scoped_user_roles.
   */
  private void organize(TenantId tenant, UserId member) {
    Organization organization =
        new Organization(OrganizationId.random(), tenant, "rls.org", Optional.empty());
    Role scopedRole = newRole(tenant, "rls.scoped");
    inTenantDo(
        tenant,
        () -> {
          db.organizations().insert(organization);
          db.organizations().addMember(organization.id(), member);
          db.roles()
              .assign(
                  new RoleAssignment(
                      tenant,
                      member,
                      scopedRole.id(),
                      Optional.empty(),
                      Optional.of(organization.id())));
        });
  }

  /** An invitation of the tenant naming one of its roles: rows in invitations, invitation_roles. */
  private void invite(TenantId tenant, UserId inviter) {
    Role role = newRole(tenant, "rls.invited");
    Invitation invitation =
        Invitation.create(
            tenant,
            new Email("rls-" + UUID.randomUUID() + "@example.com"),
            inviter,
            Set.of(role.id()),
            clock.instant(),
            Duration.ofDays(7));
    inTenantDo(tenant, () -> db.invitations().insert(invitation));
  }

  /** {@code role} made to include a new role, so that the tenant has a row in role_includes. */
  private Role includingAnother(TenantId tenant, Role role) {
    Role including = role.withIncludes(java.util.Set.of(newRole(tenant, "rls.included").id()));
    inTenantDo(tenant, () -> db.roles().update(including));
    return including;
  }

  @Test
  void pooled_connections_act_as_warden_app_even_when_configured_as_a_superuser() {
    assertThat(
            adminCount(
                "SELECT count(*) FROM pg_roles WHERE rolsuper AND rolname = '"
                    + database.user()
                    + "'"))
        .as("the configured user of this test is a superuser")
        .isEqualTo(1);

    List<Object> identity =
        across(
            () ->
                row(
                    connection(),
                    """
                    SELECT current_user::text, r.rolsuper, r.rolbypassrls,
                           EXISTS (SELECT 1 FROM pg_class c WHERE c.relowner = r.oid)
                    FROM pg_roles r WHERE r.rolname = current_user
                    """));

    assertThat(identity).containsExactly("warden_app", false, false, false);
  }

  @Test
  void the_role_survives_a_rolled_back_first_transaction_on_a_new_connection() {
    try (PostgresPersistence single =
        PostgresPersistence.start(
            new PostgresSettings(database.jdbcUrl(), database.user(), database.password(), 1),
            clock)) {
      assertThatThrownBy(
              () ->
                  single
                      .transactions()
                      .acrossTenants(
                          () -> {
                            throw new IllegalStateException("roll back");
                          }))
          .hasMessage("roll back");

      Object user =
          single
              .transactions()
              .acrossTenants(
                  () ->
                      row(single.postgresTransactions().connection(), "SELECT current_user::text"))
              .get(0);
      assertThat(user).isEqualTo("warden_app");
    }
  }

  @Test
  void a_query_that_sets_no_tenant_sees_no_tenant_owned_row() throws SQLException {
    for (String table : TENANT_OWNED) {
      assertThat(adminCount("SELECT count(*) FROM " + table)).as(table).isPositive();
    }
    try (Connection raw = db.pool().getConnection()) {
      for (String table : TENANT_OWNED) {
        assertThat(count(raw, "SELECT count(*) FROM " + table)).as(table).isZero();
      }
      raw.rollback();
    }
    try (Connection dedicated = db.openDedicatedConnection()) {
      for (String table : TENANT_OWNED) {
        assertThat(count(dedicated, "SELECT count(*) FROM " + table)).as(table).isZero();
      }
    }
  }

  @Test
  void a_transaction_of_tenant_a_cannot_read_the_rows_of_tenant_b() {
    String ofB = " WHERE tenant_id = '" + tenantB + "'";
    for (String table : TENANT_OWNED) {
      assertThat(adminCount("SELECT count(*) FROM " + table + ofB)).as(table).isPositive();
      assertThat(
              inTenant(tenantA, () -> count(connection(), "SELECT count(*) FROM " + table + ofB)))
          .as(table)
          .isZero();
      assertThat(
              inTenant(
                  tenantA,
                  () ->
                      count(
                          connection(),
                          "SELECT count(*) FROM "
                              + table
                              + " WHERE tenant_id <> '"
                              + tenantA
                              + "'")))
          .as(table)
          .isZero();
    }
    assertThat(inTenant(tenantA, () -> db.roles().findById(roleOfB.id()))).isEmpty();
    assertThat(inTenant(tenantA, () -> db.roles().findAll())).doesNotContain(roleOfB);
    assertThat(inTenant(tenantA, () -> db.memberships().find(memberOfB))).isEmpty();
    assertThat(inTenant(tenantA, () -> db.roles().rolesOf(memberOfB, clock.instant()))).isEmpty();
  }

  @Test
  void a_transaction_of_tenant_a_cannot_change_the_rows_of_tenant_b() {
    String ofB = " WHERE tenant_id = '" + tenantB + "'";
    List<Long> before = countsOfB();

    for (String table : TENANT_OWNED) {
      assertThat(writeIn(tenantA, "DELETE FROM " + table + ofB))
          .as("delete from " + table)
          .isZero();
    }
    assertThat(writeIn(tenantA, "UPDATE roles SET name = 'stolen'" + ofB)).isZero();
    assertThat(writeIn(tenantA, "UPDATE memberships SET active = false" + ofB)).isZero();
    assertThat(writeIn(tenantA, "UPDATE user_roles SET expires_at = now()" + ofB)).isZero();
    // Moving one's own row into the other tenant is a write into it, too.
    assertThatThrownBy(
            () ->
                writeIn(
                    tenantA,
                    "UPDATE roles SET tenant_id = '"
                        + tenantB
                        + "' WHERE tenant_id = '"
                        + tenantA
                        + "'"))
        .satisfies(RowLevelSecurityTest::isRefusedByPolicy);

    PermissionName other = definePermission("rls.other");
    PermissionName granted = definePermission("rls.test");
    assertThat(inTenant(tenantA, () -> db.roles().delete(roleOfB.id()))).isFalse();
    assertThat(inTenant(tenantA, () -> db.roles().grant(roleOfB.id(), other))).isFalse();
    assertThat(inTenant(tenantA, () -> db.roles().revoke(roleOfB.id(), granted))).isFalse();
    assertThat(inTenant(tenantA, () -> db.roles().unassign(roleOfB.id(), memberOfB))).isFalse();
    assertThat(inTenant(tenantA, () -> db.memberships().delete(memberOfB))).isFalse();

    assertThat(countsOfB()).isEqualTo(before);
  }

  @Test
  void a_transaction_of_tenant_a_cannot_insert_rows_into_tenant_b() {
    List<Long> before = countsOfB();

    assertThatThrownBy(
            () ->
                writeIn(
                    tenantA,
                    "INSERT INTO roles (id, tenant_id, name, description, system) VALUES"
                        + " (gen_random_uuid(), '"
                        + tenantB
                        + "', 'planted', '', false)"))
        .satisfies(RowLevelSecurityTest::isRefusedByPolicy);
    UserId outsider = newUser();
    assertThatThrownBy(
            () ->
                writeIn(
                    tenantA,
                    "INSERT INTO memberships (tenant_id, user_id, active) VALUES ('"
                        + tenantB
                        + "', '"
                        + outsider
                        + "', true)"))
        .satisfies(RowLevelSecurityTest::isRefusedByPolicy);
    assertThatThrownBy(
            () ->
                writeIn(
                    tenantA,
                    "INSERT INTO user_roles (tenant_id, user_id, role_id) VALUES ('"
                        + tenantB
                        + "', '"
                        + memberOfB
                        + "', '"
                        + roleOfB.id()
                        + "')"))
        .satisfies(RowLevelSecurityTest::isRefusedByPolicy);

    assertThat(countsOfB()).isEqualTo(before);
  }

  @Test
  void a_row_of_tenant_a_cannot_point_at_a_role_of_tenant_b() {
    UserId memberOfA = newMember(tenantA);
    definePermission("rls.fk");

    // Foreign-key checks bypass row-level security: the composite key is what stops this.
    assertThatThrownBy(
            () ->
                writeIn(
                    tenantA,
                    "INSERT INTO user_roles (tenant_id, user_id, role_id) VALUES ('"
                        + tenantA
                        + "', '"
                        + memberOfA
                        + "', '"
                        + roleOfB.id()
                        + "')"))
        .hasRootCauseInstanceOf(SQLException.class)
        .rootCause()
        .hasMessageContaining("foreign key");
    assertThatThrownBy(
            () ->
                writeIn(
                    tenantA,
                    "INSERT INTO role_permissions (tenant_id, role_id, permission_name)"
                        + " VALUES ('"
                        + tenantA
                        + "', '"
                        + roleOfB.id()
                        + "', 'rls.fk')"))
        .rootCause()
        .hasMessageContaining("foreign key");
  }

  @Test
  void the_scope_of_a_transaction_ends_with_it() throws SQLException {
    inTenantDo(
        tenantA, () -> assertThat(count(connection(), "SELECT count(*) FROM roles")).isPositive());
    acrossDo(
        () ->
            assertThat(count(connection(), "SELECT count(*) FROM roles"))
                .isEqualTo(adminCount("SELECT count(*) FROM roles")));

    // Every connection of the pool: none may still carry a tenant or the cross-tenant switch.
    List<Connection> all = new ArrayList<>();
    try {
      for (int i = 0; i < poolSize(); i++) {
        all.add(db.pool().getConnection());
      }
      for (Connection raw : all) {
        assertThat(
                row(
                    raw,
                    "SELECT coalesce(current_setting('warden.tenant_id', true), ''),"
                        + " coalesce(current_setting('warden.cross_tenant', true), '')"))
            .containsExactly("", "");
        assertThat(count(raw, "SELECT count(*) FROM roles")).isZero();
        raw.rollback();
      }
    } finally {
      for (Connection raw : all) {
        raw.close();
      }
    }
  }

  @Test
  void nested_transactions_join_the_same_scope_and_refuse_another() {
    Object outer =
        inTenant(
            tenantA,
            () -> {
              Object pid = row(connection(), "SELECT pg_backend_pid()").get(0);
              Object inner =
                  inTenant(tenantA, () -> row(connection(), "SELECT pg_backend_pid()").get(0));
              assertThat(inner).isEqualTo(pid);
              return pid;
            });
    assertThat(outer).isNotNull();

    assertThatThrownBy(() -> inTenant(tenantA, () -> inTenant(tenantB, () -> 1)))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> inTenant(tenantA, () -> across(() -> 1)))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> across(() -> inTenant(tenantA, () -> 1)))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(
            () -> db.transactions().readInTenant(tenantA, () -> inTenant(tenantA, () -> 1)))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void a_read_only_transaction_cannot_write() {
    assertThatThrownBy(
            () ->
                db.transactions()
                    .readInTenant(tenantA, () -> update(connection(), "DELETE FROM roles")))
        .rootCause()
        .hasMessageContaining("read-only");
  }

  @Test
  void row_level_security_is_enabled_and_forced_on_every_table_with_a_tenant() {
    List<Object> unprotected =
        across(
            () ->
                column(
                    connection(),
                    """
                    SELECT c.relname::text FROM pg_class c
                    JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'tenant_id'
                    WHERE c.relkind = 'r' AND c.relnamespace = current_schema()::regnamespace
                      -- Credentials of a session, found by the hash of a secret across tenants
                      -- (the tenant is what they are scoped to, not who owns the row).
                      AND c.relname NOT IN ('refresh_tokens', 'event_tickets')
                      AND NOT (c.relrowsecurity AND c.relforcerowsecurity)
                    """));
    List<Object> protectedTables =
        across(
            () ->
                column(
                    connection(),
                    "SELECT relname::text FROM pg_class WHERE relrowsecurity AND relforcerowsecurity"
                        + " AND relnamespace = current_schema()::regnamespace"));

    assertThat(unprotected).isEmpty();
    assertThat(protectedTables).containsExactlyInAnyOrderElementsOf(TENANT_OWNED);
  }

  @Test
  void a_start_refuses_to_finish_when_a_tenant_owned_table_lost_its_forced_security() {
    adminExecute("ALTER TABLE user_roles NO FORCE ROW LEVEL SECURITY");
    try {
      assertThatThrownBy(
              () ->
                  PostgresPersistence.start(
                          new PostgresSettings(
                              database.jdbcUrl(), database.user(), database.password(), 1),
                          clock)
                      .close())
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("user_roles");
    } finally {
      adminExecute("ALTER TABLE user_roles FORCE ROW LEVEL SECURITY");
    }
  }

  private List<Long> countsOfB() {
    List<Long> counts = new ArrayList<>();
    for (String table : TENANT_OWNED) {
      counts.add(
          adminCount("SELECT count(*) FROM " + table + " WHERE tenant_id = '" + tenantB + "'"));
    }
    counts.add(adminCount("SELECT count(*) FROM roles WHERE name = 'stolen' OR name = 'planted'"));
    return counts;
  }

  /** SQLState 42501: the row-level-security policy refused the new row. */
  private static void isRefusedByPolicy(Throwable thrown) {
    Throwable root = thrown;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    assertThat(root).isInstanceOf(SQLException.class);
    assertThat(((SQLException) root).getSQLState()).isEqualTo("42501");
    assertThat(root).hasMessageContaining("row-level security");
  }

  private Connection connection() {
    return db.postgresTransactions().connection();
  }

  /** Runs {@code sql} on an application connection in {@code tenant}'s transaction. */
  private int writeIn(TenantId tenant, String sql) {
    return inTenant(tenant, () -> update(connection(), sql));
  }

  static long count(Connection connection, String sql) {
    return ((Number) row(connection, sql).get(0)).longValue();
  }

  static int update(Connection connection, String sql) {
    try (Statement statement = connection.createStatement()) {
      return statement.executeUpdate(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  static List<Object> row(Connection connection, String sql) {
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      assertThat(rows.next()).as("a row from " + sql).isTrue();
      List<Object> values = new ArrayList<>();
      for (int i = 1; i <= rows.getMetaData().getColumnCount(); i++) {
        values.add(rows.getObject(i));
      }
      return values;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  static List<Object> column(Connection connection, String sql) {
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      List<Object> values = new ArrayList<>();
      while (rows.next()) {
        values.add(rows.getObject(1));
      }
      return values;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
