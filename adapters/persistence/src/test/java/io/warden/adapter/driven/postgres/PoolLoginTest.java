package io.warden.adapter.driven.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.warden.adapter.driven.postgres.PostgresSettings.PoolLogin;
import io.warden.adapter.driven.postgres.testing.TestPostgres;
import io.warden.domain.model.tenant.Tenant;
import io.warden.testing.MutableClock;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Least privilege at the database (WARDEN_DB_APP_USER): the schema owner's credentials run the
 * migrations and nothing else; the pool and the LISTEN connection log in as a role of their own
 * that owns nothing. A login that is not least-privileged is refused at start.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PoolLoginTest {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final MutableClock clock = MutableClock.standingStill();
  private final List<String> roles = new ArrayList<>();
  private TestPostgres.Database database;
  private PoolLogin poolLogin;

  @BeforeAll
  void createDatabaseAndLogin() throws SQLException {
    database = TestPostgres.freshDatabaseWithOwner();
    poolLogin = login("IN ROLE warden_app");
  }

  @AfterAll
  void dropRoles() throws SQLException {
    try (Connection admin = database.connectAsAdmin();
        Statement statement = admin.createStatement()) {
      for (String role : roles) {
        // A refused start may leave nothing behind, but a connection can linger a moment.
        statement.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = '"
                + role
                + "'");
        statement.execute("DROP ROLE IF EXISTS " + role);
      }
    }
  }

  @Test
  void the_pool_and_the_listen_connection_log_in_as_the_app_user_never_as_the_owner()
      throws SQLException {
    try (PostgresPersistence db = start(poolLogin)) {
      Tenant tenant = Tenant.create("pool-login", "Pool login");
      db.transactions()
          .acrossTenants(
              () -> {
                db.tenants().insert(tenant);
                return null;
              });
      assertThat(db.transactions().acrossTenants(() -> db.tenants().findById(tenant.id())))
          .isPresent();
      List<Object> identity =
          db.transactions()
              .acrossTenants(
                  () ->
                      RowLevelSecurityTest.row(
                          db.postgresTransactions().connection(),
                          "SELECT session_user::text, current_user::text"));
      assertThat(identity).containsExactly(poolLogin.user(), "warden_app");

      try (Connection listen = db.openDedicatedConnection()) {
        assertThat(
                RowLevelSecurityTest.row(listen, "SELECT session_user::text, current_user::text"))
            .containsExactly(poolLogin.user(), "warden_app");
        // Every runtime connection Warden holds to this database: none is the owner's.
        try (Connection admin = database.connectAsAdmin()) {
          List<String> users =
              strings(
                  admin,
                  "SELECT usename::text FROM pg_stat_activity WHERE datname = '"
                      + database.name()
                      + "' AND application_name IN ('warden', 'warden-dedicated')");
          assertThat(users).isNotEmpty().containsOnly(poolLogin.user());
        }
      }
    }
  }

  @Test
  void a_pooled_connection_cannot_shed_warden_app_to_change_the_schema() {
    try (PostgresPersistence db = start(poolLogin)) {
      // Even a connection that drops SET ROLE is only the app user: it owns nothing to alter.
      String unforce = "RESET ROLE; ALTER TABLE memberships NO FORCE ROW LEVEL SECURITY";
      assertThatThrownBy(() -> updateAcross(db, unforce)).hasStackTraceContaining("must be owner");
      assertThatThrownBy(() -> updateAcross(db, "RESET ROLE; DELETE FROM signing_keys"))
          .hasStackTraceContaining("permission denied");
    }
  }

  @Test
  void a_login_outside_warden_app_is_refused_at_start() throws SQLException {
    PoolLogin outsider = login("");

    assertRefusedAtStart(
        outsider, "WARDEN_DB_APP_USER", outsider.user() + " is not a member of warden_app");
  }

  @Test
  void a_login_that_can_act_as_the_owner_is_refused_at_start() throws SQLException {
    PoolLogin ownerInDisguise = login("IN ROLE warden_app, " + database.user());

    assertRefusedAtStart(ownerInDisguise, "can act as the owner of the schema or of its tables");
  }

  @Test
  void a_login_that_bypasses_row_level_security_is_refused_at_start() throws SQLException {
    PoolLogin bypassing = login("BYPASSRLS IN ROLE warden_app");

    assertRefusedAtStart(bypassing, bypassing.user() + " bypasses row-level security");
  }

  @Test
  void a_superuser_login_is_refused_at_start() throws SQLException {
    PoolLogin superuser = login("SUPERUSER IN ROLE warden_app");

    assertRefusedAtStart(superuser, superuser.user() + " is a superuser");
  }

  @Test
  void the_owner_cannot_be_the_pool_login_and_the_password_never_prints() {
    PostgresSettings owner =
        new PostgresSettings(database.jdbcUrl(), database.user(), database.password(), 1);

    assertThatThrownBy(() -> owner.withPoolLogin(new PoolLogin(database.user(), "x")))
        .isInstanceOf(IllegalArgumentException.class);
    PostgresSettings split = owner.withPoolLogin(new PoolLogin("warden_pool", "pool-secret-31"));
    assertThat(split.toString()).contains("warden_pool").doesNotContain("pool-secret-31");
    assertThat(split.runtimeUser()).isEqualTo("warden_pool");
    assertThat(owner.runtimeUser()).isEqualTo(database.user());
    assertThat(owner.poolLogin()).isEqualTo(Optional.empty());
  }

  /** Starting on {@code login} fails, the message saying each of {@code reasons}. */
  private void assertRefusedAtStart(PoolLogin login, String... reasons) {
    assertThatThrownBy(() -> start(login).close())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContainingAll(reasons);
  }

  /** Runs {@code sql} on a pooled connection, in a transaction across tenants. */
  private static int updateAcross(PostgresPersistence db, String sql) {
    return db.transactions()
        .acrossTenants(
            () -> RowLevelSecurityTest.update(db.postgresTransactions().connection(), sql));
  }

  private PostgresPersistence start(PoolLogin login) {
    return PostgresPersistence.start(
        new PostgresSettings(database.jdbcUrl(), database.user(), database.password(), 2)
            .withPoolLogin(login),
        clock);
  }

  /** A new login role with a password and {@code attributes}; dropped after the class. */
  private PoolLogin login(String attributes) throws SQLException {
    String name = "warden_pool_" + HexFormat.of().formatHex(RANDOM.generateSeed(6));
    String password = "pw_" + HexFormat.of().formatHex(RANDOM.generateSeed(8));
    try (Connection admin = database.connectAsAdmin();
        Statement statement = admin.createStatement()) {
      // warden_app is cluster-wide: the first migration on this server creates it, a DBA may too.
      statement.execute(
          "DO $$ BEGIN CREATE ROLE warden_app NOLOGIN; EXCEPTION WHEN duplicate_object THEN NULL;"
              + " END $$");
      statement.execute("CREATE ROLE " + name + " LOGIN PASSWORD '" + password + "' " + attributes);
    }
    roles.add(name);
    return new PoolLogin(name, password);
  }

  private static List<String> strings(Connection connection, String sql) throws SQLException {
    List<String> values = new ArrayList<>();
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      while (rows.next()) {
        values.add(rows.getString(1));
      }
    }
    return values;
  }
}
