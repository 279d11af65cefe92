package io.warden.bootstrap.cache;

import io.warden.adapter.driven.postgres.testing.TestPostgres;
import io.warden.bootstrap.testing.Poll;
import java.time.Duration;

/**
 * Cuts connections to one test database from outside, as an operator or a network would: ends a
 * backend ({@code pg_terminate_backend}) and refuses new connections ({@code ALLOW_CONNECTIONS
 * false}) while the ones already open keep working, through {@link TestPostgres.Database}'s own
 * operations (from the maintenance database, as the administrator, since a database cannot refuse
 * connections to itself). What the gate adds: waiting for the pool, and closing it lets connections
 * in again.
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
        () -> database.connectionsOf(applicationName),
        open -> open >= count);
  }

  void refuseNewConnections() {
    database.allowConnections(false);
  }

  void allowNewConnections() {
    database.allowConnections(true);
  }

  /** Ends the server process {@code pid}; its client sees the connection drop. */
  void terminate(int pid) {
    database.terminateBackend(pid);
  }

  @Override
  public void close() {
    allowNewConnections();
  }
}
