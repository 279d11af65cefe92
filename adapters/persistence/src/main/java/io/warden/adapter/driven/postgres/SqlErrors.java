package io.warden.adapter.driven.postgres;

import io.warden.application.port.driven.Unavailable;
import io.warden.application.port.driving.Conflict;
import io.warden.application.port.driving.NotFound;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.jspecify.annotations.Nullable;

/**
 * Turns database failures into the application's failures: a unique violation is a {@link
 * Conflict}, a missing referenced row a {@link NotFound}, a lost or unobtainable connection {@link
 * Unavailable}. Anything else is a bug and travels on unchanged.
 */
final class SqlErrors {
  private static final String UNIQUE_VIOLATION = "23505";
  private static final String FOREIGN_KEY_VIOLATION = "23503";

  private SqlErrors() {}

  static RuntimeException translate(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SQLTransientConnectionException) {
        // Hikari's "connection is not available, request timed out": the pool is exhausted or
        // the server does not answer.
        return new Unavailable("database unavailable: no connection", failure);
      }
      if (t instanceof SQLException sql) {
        RuntimeException translated = translate(sql, failure);
        if (translated != null) {
          return translated;
        }
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return failure instanceof RuntimeException runtime
        ? runtime
        : new IllegalStateException("database failure", failure);
  }

  /** The application failure {@code sql} (or a chained exception) stands for; null if none. */
  private static @Nullable RuntimeException translate(SQLException sql, Throwable failure) {
    for (SQLException e = sql; e != null; e = e.getNextException()) {
      String state = e.getSQLState();
      if (state == null) {
        continue;
      }
      if (state.equals(UNIQUE_VIOLATION)) {
        return new Conflict("already exists", failure);
      }
      if (state.equals(FOREIGN_KEY_VIOLATION)) {
        return new NotFound("a referenced row does not exist", failure);
      }
      if (isConnectionFailure(state)) {
        return new Unavailable("database unavailable (SQLState " + state + ")", failure);
      }
    }
    return null;
  }

  /**
   * Class 08 (connection exception) and the operator-intervention states a restarting or
   * shutting-down server answers with.
   */
  static boolean isConnectionFailure(String sqlState) {
    return sqlState.startsWith("08")
        || sqlState.equals("57P01") // admin_shutdown
        || sqlState.equals("57P02") // crash_shutdown
        || sqlState.equals("57P03"); // cannot_connect_now
  }
}
