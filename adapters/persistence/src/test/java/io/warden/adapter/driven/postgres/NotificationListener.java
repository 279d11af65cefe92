package io.warden.adapter.driven.postgres;

import static org.assertj.core.api.Assertions.fail;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * A test's own {@code LISTEN} on the invalidation channel. Waiting is bounded generously and is
 * never what a test asserts: absence is proven by a later marker message arriving first.
 */
final class NotificationListener implements AutoCloseable {
  private static final int GIVE_UP_AFTER_MILLIS = 30_000;

  private final Connection connection;

  NotificationListener(PostgresPersistence db) throws SQLException {
    connection = db.openDedicatedConnection();
    try (Statement statement = connection.createStatement()) {
      statement.execute("LISTEN " + InvalidationMessage.CHANNEL);
    }
  }

  /** The next {@code count} payloads, in delivery (= commit) order. */
  List<String> next(int count) throws SQLException {
    List<String> payloads = new ArrayList<>();
    long deadline = System.nanoTime() + GIVE_UP_AFTER_MILLIS * 1_000_000L;
    PGConnection pg = connection.unwrap(PGConnection.class);
    while (payloads.size() < count) {
      if (System.nanoTime() > deadline) {
        fail("only " + payloads.size() + " of " + count + " notifications arrived: " + payloads);
      }
      PGNotification[] arrived = pg.getNotifications(250);
      if (arrived != null) {
        for (PGNotification notification : arrived) {
          if (!notification.getName().equals(InvalidationMessage.CHANNEL)) {
            fail("notification on an unexpected channel: " + notification.getName());
          }
          payloads.add(notification.getParameter());
        }
      }
    }
    if (payloads.size() > count) {
      fail("more notifications than expected: " + payloads);
    }
    return payloads;
  }

  String next() throws SQLException {
    return next(1).get(0);
  }

  @Override
  public void close() throws SQLException {
    connection.close();
  }
}
