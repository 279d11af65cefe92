package io.warden.adapter.driven.postgres;

import static io.warden.adapter.driven.postgres.PostgresPersistence.APPLICATION_ROLE;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The start-up checks that tenant isolation holds before Warden serves: the pool acts as {@value
 * PostgresPersistence#APPLICATION_ROLE}, no login it uses can bypass row-level security or act as
 * an owner, and every tenant-owned table has row-level security enabled and forced. Each fails
 * closed with every problem it found.
 */
final class IsolationChecks {
  /** The tables row-level security must guard; RowLevelSecurityTest holds the schema to them. */
  static final List<String> TENANT_OWNED_TABLES =
      List.of(
          "memberships",
          "roles",
          "role_permissions",
          "role_includes",
          "user_roles",
          "invitations",
          "invitation_roles",
          "organizations",
          "organization_members",
          "scoped_user_roles",
          "audit_events");

  private IsolationChecks() {}

  /**
   * Fails closed: the pool's role must be {@value PostgresPersistence#APPLICATION_ROLE}, neither
   * superuser nor bypassing row-level security nor owning a relation, and every tenant-owned table
   * must have row-level security enabled and forced.
   */
  static void verifyRowLevelSecurity(DataSource pool) {
    List<String> problems = new ArrayList<>();
    try (Connection connection = pool.getConnection();
        Statement statement = connection.createStatement()) {
      // A SET ROLE that a rollback can undo does not count: check after one.
      connection.rollback();
      try (ResultSet role =
          statement.executeQuery(
              """
              SELECT current_user::text, r.rolsuper, r.rolbypassrls,
                     EXISTS (SELECT 1 FROM pg_class c WHERE c.relowner = r.oid)
              FROM pg_roles r WHERE r.rolname = current_user
              """)) {
        if (!role.next() || !APPLICATION_ROLE.equals(role.getString(1))) {
          problems.add("pooled connections do not act as " + APPLICATION_ROLE);
        } else {
          if (role.getBoolean(2)) {
            problems.add(APPLICATION_ROLE + " is a superuser");
          }
          if (role.getBoolean(3)) {
            problems.add(APPLICATION_ROLE + " bypasses row-level security");
          }
          if (role.getBoolean(4)) {
            problems.add(APPLICATION_ROLE + " owns relations");
          }
        }
      }
      try (ResultSet tables =
          statement.executeQuery(
              "SELECT relname FROM pg_class WHERE relkind = 'r' AND relrowsecurity AND"
                  + " relforcerowsecurity AND relnamespace = current_schema()::regnamespace")) {
        List<String> protectedTables = new ArrayList<>();
        while (tables.next()) {
          protectedTables.add(tables.getString(1));
        }
        for (String table : TENANT_OWNED_TABLES) {
          if (!protectedTables.contains(table)) {
            problems.add(table + " lacks enabled and forced row-level security");
          }
        }
      }
      connection.rollback();
    } catch (SQLException e) {
      throw SqlErrors.translate(e);
    }
    if (!problems.isEmpty()) {
      throw new IllegalStateException(
          "refusing to start, tenant isolation would not hold: " + String.join("; ", problems));
    }
  }

  /**
   * Fails closed when the pool has a login of its own, before the pool opens: that login must be a
   * member of {@value PostgresPersistence#APPLICATION_ROLE}, neither a superuser nor able to bypass
   * row-level security, and unable to act as the owner of the schema or of any of its relations
   * (owning them itself or through a role it belongs to), or it would be the owner under another
   * name.
   */
  static void verifyPoolLogin(PostgresSettings settings) {
    List<String> problems = new ArrayList<>();
    String name = settings.runtimeUser();
    try (Connection connection = Migrations.openRuntime(settings, "warden-check");
        Statement statement = connection.createStatement();
        ResultSet login =
            statement.executeQuery(
                """
                SELECT r.rolsuper, r.rolbypassrls,
                       pg_has_role(session_user, 'warden_app', 'MEMBER'),
                       EXISTS (SELECT 1 FROM pg_class c
                               WHERE c.relnamespace = current_schema()::regnamespace
                                 AND pg_has_role(session_user, c.relowner, 'MEMBER'))
                       OR EXISTS (SELECT 1 FROM pg_namespace n
                                  WHERE n.nspname = current_schema()
                                    AND pg_has_role(session_user, n.nspowner, 'MEMBER'))
                FROM pg_roles r WHERE r.rolname = session_user
                """)) {
      if (!login.next()) {
        problems.add("the role " + name + " is not found");
      } else {
        if (login.getBoolean(1)) {
          problems.add(name + " is a superuser");
        }
        if (login.getBoolean(2)) {
          problems.add(name + " bypasses row-level security");
        }
        if (!login.getBoolean(3)) {
          problems.add(name + " is not a member of " + APPLICATION_ROLE);
        }
        if (login.getBoolean(4)) {
          problems.add(name + " can act as the owner of the schema or of its tables");
        }
      }
    } catch (SQLException e) {
      throw SqlErrors.translate(e);
    }
    if (!problems.isEmpty()) {
      throw new IllegalStateException(
          "refusing to start, the pool's login (WARDEN_DB_APP_USER) is not least-privileged: "
              + String.join("; ", problems));
    }
  }
}
