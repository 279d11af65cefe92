package io.warden.bootstrap.cache;

import io.warden.adapter.driven.postgres.testing.TestPostgres;
import io.warden.bootstrap.testing.Poll;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * Cuts connections to one test database from outside, as an operator or a network would: ends a
 * backend ({@code pg_terminate_backend}) and refuses new connections ({@code ALLOW_CONNECTIONS
 * false}) while the ones already open keep working. Everything runs from the maintenance database
 * as the administrator, since a database cannot refuse connections to itself. Closing the gate
 * object lets connections in again.
 */
final class DatabaseGate implements AutoCloseable {
  private final TestPostgres.Database database;

  DatabaseGate(TestPostgres.Database database) {
    this.database = database;
  }

  /** Waits until {@code count} connections named {@code applicationName} are open on it. */
  void awaitConnections(String applicationName, int count, Duration deadline) {
    Poll.until(
        deadline,
        count + " connections of " + applicationName,
        () ->
            count(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = '"
                    + database.name()
                    + "' AND application_name = '"
                    + applicationName
                    + "'"),
        open -> open >= count);
  }

  void refuseNewConnections() {
    execute("ALTER DATABASE " + database.name() + " WITH ALLOW_CONNECTIONS false");
  }

  void allowNewConnections() {
    execute("ALTER DATABASE " + database.name() + " WITH ALLOW_CONNECTIONS true");
  }

  /** Ends the server process {@code pid}; its client sees the connection drop. */
  void terminate(int pid) {
    if (pid <= 0) {
      throw new IllegalArgumentException("no backend to terminate: " + pid);
    }
    execute("SELECT pg_terminate_backend(" + pid + ")");
  }

  @Override
  public void close() {
    allowNewConnections();
  }

  private long count(String sql) {
    try (Connection connection = maintenance();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      rows.next();
      return rows.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private void execute(String sql) {
    try (Connection connection = maintenance();
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }

  private Connection maintenance() throws SQLException {
    String url = database.jdbcUrl().substring(0, database.jdbcUrl().lastIndexOf('/')) + "/postgres";
    return DriverManager.getConnection(url, database.adminUser(), database.adminPassword());
  }
}
