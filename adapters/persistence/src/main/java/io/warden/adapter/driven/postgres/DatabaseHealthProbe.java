package io.warden.adapter.driven.postgres;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import io.warden.application.port.driven.HealthProbe;
import io.warden.application.port.driving.HealthUseCase;
import java.sql.Connection;
import java.sql.SQLException;

/** The {@code database} check of {@code /health}: one round trip on a pooled connection. */
final class DatabaseHealthProbe implements HealthProbe {
  private static final int VALIDATION_TIMEOUT_SECONDS = 2;

  private final HikariDataSource pool;

  DatabaseHealthProbe(HikariDataSource pool) {
    this.pool = pool;
  }

  @Override
  public String name() {
    return "database";
  }

  /** Warden cannot answer a cold permission check or make any change without it. */
  @Override
  public boolean critical() {
    return true;
  }

  @Override
  public HealthUseCase.Check probe() {
    try (Connection connection = pool.getConnection()) {
      if (!connection.isValid(VALIDATION_TIMEOUT_SECONDS)) {
        return new HealthUseCase.Check(HealthUseCase.Status.DOWN, "connection is not valid");
      }
      return new HealthUseCase.Check(HealthUseCase.Status.UP, poolState());
    } catch (SQLException | RuntimeException e) {
      // No exception text: it may carry host names or credentials-adjacent detail.
      String state =
          e instanceof SQLException sql && sql.getSQLState() != null
              ? " (SQLState " + sql.getSQLState() + ")"
              : "";
      return new HealthUseCase.Check(
          HealthUseCase.Status.DOWN, "unreachable" + state + "; " + poolState());
    }
  }

  private String poolState() {
    HikariPoolMXBean bean = pool.getHikariPoolMXBean();
    if (bean == null) {
      return "pool closed";
    }
    return "pool "
        + bean.getActiveConnections()
        + " busy, "
        + bean.getIdleConnections()
        + " idle, "
        + bean.getThreadsAwaitingConnection()
        + " waiting";
  }
}
