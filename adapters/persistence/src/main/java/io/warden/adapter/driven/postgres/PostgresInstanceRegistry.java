package io.warden.adapter.driven.postgres;

import io.warden.application.port.driven.InstanceRegistry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The heartbeat of the instances sharing this database ({@code instance_heartbeats}): {@link
 * #beat()} (run every few seconds) upserts this instance's row, forgets rows silent for long, and
 * counts the rows seen within {@code liveWithin}; {@link #liveInstances()} answers that count from
 * memory. Its statements run on the pool outside the repositories' transactions and are not counted
 * as the requests' queries.
 */
public final class PostgresInstanceRegistry implements InstanceRegistry, AutoCloseable {
  private static final System.Logger LOG =
      System.getLogger(PostgresInstanceRegistry.class.getName());

  private final DataSource pool;
  private final UUID instanceId;
  private final Duration liveWithin;
  private volatile int live = 1;
  private volatile boolean closed;

  PostgresInstanceRegistry(DataSource pool, UUID instanceId, Duration liveWithin) {
    this.pool = pool;
    this.instanceId = instanceId;
    this.liveWithin = liveWithin;
  }

  public UUID instanceId() {
    return instanceId;
  }

  @Override
  public int liveInstances() {
    return live;
  }

  /**
   * Records that this instance is alive and re-counts the live ones. A failure (database down)
   * keeps the last count and is logged at debug level: the caller runs it again shortly.
   */
  public void beat() {
    if (closed) {
      return;
    }
    long liveMillis = liveWithin.toMillis();
    try (Connection connection = pool.getConnection()) {
      try (PreparedStatement upsert =
          connection.prepareStatement(
              """
              INSERT INTO instance_heartbeats (instance_id) VALUES (?)
              ON CONFLICT (instance_id) DO UPDATE SET seen_at = now()
              """)) {
        upsert.setObject(1, instanceId);
        upsert.executeUpdate();
      }
      try (PreparedStatement forget =
          connection.prepareStatement(
              "DELETE FROM instance_heartbeats WHERE seen_at < now() - make_interval(secs => ?)")) {
        forget.setDouble(1, 10.0 * liveMillis / 1000.0);
        forget.executeUpdate();
      }
      try (PreparedStatement count =
          connection.prepareStatement(
              "SELECT count(*) FROM instance_heartbeats"
                  + " WHERE seen_at >= now() - make_interval(secs => ?)")) {
        count.setDouble(1, liveMillis / 1000.0);
        try (ResultSet rows = count.executeQuery()) {
          rows.next();
          live = Math.max(1, rows.getInt(1));
        }
      }
      connection.commit();
    } catch (SQLException | RuntimeException e) {
      LOG.log(System.Logger.Level.DEBUG, "Instance heartbeat failed; keeping the last count", e);
    }
  }

  /** Removes this instance's row, so the others stop counting it at once. */
  @Override
  public void close() {
    closed = true;
    try (Connection connection = pool.getConnection();
        PreparedStatement delete =
            connection.prepareStatement("DELETE FROM instance_heartbeats WHERE instance_id = ?")) {
      delete.setObject(1, instanceId);
      delete.executeUpdate();
      connection.commit();
    } catch (SQLException | RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "Could not remove this instance's heartbeat", e);
    }
  }
}
