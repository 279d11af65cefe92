package io.warden.adapter.driven.postgres.testing;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Assumptions;

/**
 * Fresh, empty PostgreSQL databases for integration tests: each call of {@link #freshDatabase()}
 * creates a new database with a random name ({@code CREATE DATABASE}) that the caller migrates by
 * starting {@code PostgresPersistence} on it. Create one per test class, not per test: it keeps the
 * suite fast.
 *
 * <p>Where the server comes from, decided once per JVM:
 *
 * <ol>
 *   <li>if Testcontainers is on the test classpath and a Docker engine is available, a {@code
 *       postgres:16-alpine} container started for the JVM;
 *   <li>otherwise the server at {@code WARDEN_TEST_PG_HOST} (default {@code 127.0.0.1}), {@code
 *       WARDEN_TEST_PG_PORT} (5432), as {@code WARDEN_TEST_PG_USER} ({@code postgres}) with {@code
 *       WARDEN_TEST_PG_PASSWORD} (empty); that user must be allowed to create databases and roles.
 * </ol>
 *
 * If neither is reachable the test is skipped (a JUnit assumption fails) — unless the environment
 * variable {@code CI} is {@code true}: then it fails, so a CI run can never go green by skipping
 * its database tests. Databases made on a local server are dropped when the JVM exits.
 *
 * <p>Use from another module: depend on {@code io.warden:warden-persistence} with {@code
 * <type>test-jar</type>} and {@code <scope>test</scope>} (plus {@code
 * org.testcontainers:postgresql}, test scope, to get the container path), then:
 *
 * <pre>{@code
 * TestPostgres.Database db = TestPostgres.freshDatabase();
 * PostgresPersistence persistence =
 *     PostgresPersistence.start(db.jdbcUrl(), db.user(), db.password(), 4, clock);
 * }</pre>
 */
public final class TestPostgres {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final List<Runnable> CLEANUP = new ArrayList<>();
  private static Object server; // a Server, or the String saying why there is none
  private static boolean warnedOfSkip;

  private TestPostgres() {}

  /** A server that takes {@code CREATE DATABASE}, with its administrator's credentials. */
  record Server(String host, int port, String adminUser, String adminPassword, String origin) {
    String jdbcUrl(String database) {
      return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }
  }

  /**
   * A new database. {@code user}/{@code password} are what the application is configured with;
   * {@code adminUser}/{@code adminPassword} a superuser, for inspecting it behind the application's
   * back (a superuser sees every row, row-level security or not).
   */
  public record Database(
      String name,
      String jdbcUrl,
      String user,
      String password,
      String adminUser,
      String adminPassword) {

    /** A direct connection as the administrator, auto-commit on; the caller closes it. */
    public Connection connectAsAdmin() throws SQLException {
      return connect(jdbcUrl, adminUser, adminPassword);
    }

    /**
     * The number in the first column of the one row {@code sql} answers, read as the administrator
     * behind the application's back (row-level security does not apply).
     */
    public long adminNumber(String sql) {
      try (Connection connection = connectAsAdmin();
          Statement statement = connection.createStatement();
          ResultSet rows = statement.executeQuery(sql)) {
        if (!rows.next()) {
          throw new IllegalStateException("no row: " + sql);
        }
        return rows.getLong(1);
      } catch (SQLException e) {
        throw new IllegalStateException(sql, e);
      }
    }

    /** Runs {@code sql} as the administrator, auto-commit on. */
    public void adminExecute(String sql) {
      try (Connection connection = connectAsAdmin();
          Statement statement = connection.createStatement()) {
        statement.execute(sql);
      } catch (SQLException e) {
        throw new IllegalStateException(sql, e);
      }
    }

    /**
     * Lets new connections into this database, or refuses them, as an operator would: the ones
     * already open keep working. A database cannot refuse connections to itself, so this (like
     * {@link #terminateBackend} and {@link #connectionsOf}) runs from the maintenance database.
     */
    public void allowConnections(boolean allow) {
      onServer("ALTER DATABASE " + name + " WITH ALLOW_CONNECTIONS " + allow);
    }

    /** Ends the server process {@code pid}; its client sees the connection drop. */
    public void terminateBackend(int pid) {
      if (pid <= 0) {
        throw new IllegalArgumentException("no backend to terminate: " + pid);
      }
      onServer("SELECT pg_terminate_backend(" + pid + ")");
    }

    /** How many connections named {@code applicationName} are open on this database. */
    public long connectionsOf(String applicationName) {
      try (Connection connection = maintenance();
          Statement statement = connection.createStatement();
          ResultSet rows =
              statement.executeQuery(
                  "SELECT count(*) FROM pg_stat_activity WHERE datname = '"
                      + name
                      + "' AND application_name = '"
                      + applicationName
                      + "'")) {
        rows.next();
        return rows.getLong(1);
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
    }

    private void onServer(String sql) {
      try (Connection connection = maintenance();
          Statement statement = connection.createStatement()) {
        statement.execute(sql);
      } catch (SQLException e) {
        throw new IllegalStateException(sql, e);
      }
    }

    private Connection maintenance() throws SQLException {
      String server = jdbcUrl.substring(0, jdbcUrl.lastIndexOf('/'));
      return connect(server + "/postgres", adminUser, adminPassword);
    }

    /** Never prints the passwords. */
    @Override
    public String toString() {
      return "Database[" + jdbcUrl + " as " + user + "]";
    }
  }

  /** A new empty database, configured user = the server's administrator (a superuser). */
  public static synchronized Database freshDatabase() {
    Server server = server();
    String name = "warden_test_" + randomSuffix();
    admin(server, "CREATE DATABASE " + name);
    CLEANUP.add(() -> admin(server, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)"));
    return new Database(
        name,
        server.jdbcUrl(name),
        server.adminUser(),
        server.adminPassword(),
        server.adminUser(),
        server.adminPassword());
  }

  /**
   * A new empty database owned by a new login role that is neither superuser nor able to bypass
   * row-level security (it may create roles, as the migrations need): the configured user of a
   * careful production setup, and the owner of every table the migrations create.
   */
  public static synchronized Database freshDatabaseWithOwner() {
    Server server = server();
    String suffix = randomSuffix();
    String name = "warden_test_" + suffix;
    String owner = "warden_owner_" + suffix;
    String password = "pw_" + randomSuffix();
    admin(
        server,
        "CREATE ROLE "
            + owner
            + " LOGIN CREATEROLE NOSUPERUSER NOBYPASSRLS PASSWORD '"
            + password
            + "'");
    admin(server, "CREATE DATABASE " + name + " OWNER " + owner);
    CLEANUP.add(
        () -> {
          admin(server, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
          admin(server, "DROP ROLE IF EXISTS " + owner);
        });
    return new Database(
        name, server.jdbcUrl(name), owner, password, server.adminUser(), server.adminPassword());
  }

  private static Server server() {
    if (server == null) {
      server = findServer();
      Runtime.getRuntime().addShutdownHook(new Thread(TestPostgres::cleanUp, "test-postgres-drop"));
    }
    if (server instanceof Server found) {
      return found;
    }
    String why = (String) server;
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      throw new IllegalStateException("CI=true and no PostgreSQL for the tests: " + why);
    }
    String message = "no PostgreSQL for the tests, skipping (set CI=true to fail instead): " + why;
    if (!warnedOfSkip) {
      // Build tools count a class skipped in @BeforeAll as zero tests: say it where it shows.
      System.err.println("TestPostgres: " + message);
      warnedOfSkip = true;
    }
    Assumptions.abort(message);
    throw new AssertionError("unreachable");
  }

  private static Object findServer() {
    if (testcontainersPresent() && ContainerServer.dockerAvailable()) {
      return ContainerServer.start();
    }
    String host = env("WARDEN_TEST_PG_HOST", "127.0.0.1");
    int port = Integer.parseInt(env("WARDEN_TEST_PG_PORT", "5432"));
    Server local =
        new Server(
            host,
            port,
            env("WARDEN_TEST_PG_USER", "postgres"),
            env("WARDEN_TEST_PG_PASSWORD", ""),
            "local server");
    try (Connection probe =
        connect(local.jdbcUrl("postgres"), local.adminUser(), local.adminPassword())) {
      return local;
    } catch (SQLException e) {
      return "no Docker engine, and " + host + ":" + port + " answered: " + e.getMessage();
    }
  }

  private static boolean testcontainersPresent() {
    try {
      Class.forName(
          "org.testcontainers.DockerClientFactory", false, TestPostgres.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  private static synchronized void cleanUp() {
    for (Runnable step : CLEANUP) {
      try {
        step.run();
      } catch (RuntimeException e) {
        // Best effort at JVM exit: a leftover test database is harmless.
      }
    }
    CLEANUP.clear();
  }

  private static void admin(Server server, String sql) {
    try (Connection connection =
            connect(server.jdbcUrl("postgres"), server.adminUser(), server.adminPassword());
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("test database administration failed: " + sql, e);
    }
  }

  private static Connection connect(String jdbcUrl, String user, String password)
      throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("user", user);
    properties.setProperty("password", password);
    properties.setProperty("connectTimeout", "3");
    properties.setProperty("ApplicationName", "warden-tests");
    return DriverManager.getConnection(jdbcUrl, properties);
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }

  private static String randomSuffix() {
    byte[] bytes = new byte[6];
    RANDOM.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }
}
