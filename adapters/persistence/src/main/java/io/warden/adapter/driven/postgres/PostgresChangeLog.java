package io.warden.adapter.driven.postgres;

import io.warden.application.port.driven.ChangeLog;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code change_log}: each committed change's message under its data version, written by the same
 * statement that queues its {@code pg_notify} ({@link JournalMapper#notify}). Committed versions
 * are gap-free (every writer queues on the one {@code rbac_clock} row and a rolled-back version is
 * handed out again), so a range is complete exactly when it holds one row per version.
 */
final class PostgresChangeLog extends MapperBacked<JournalMapper> implements ChangeLog {
  PostgresChangeLog(PostgresTransactions transactions) {
    super(transactions, JournalMapper.class);
  }

  @Override
  public Optional<List<Logged>> between(long after, long upTo) {
    if (upTo < after) {
      throw new IllegalArgumentException("upTo " + upTo + " is before " + after);
    }
    List<String> messages = transactions.acrossTenants(() -> sql().logged(after, upTo));
    if (messages.size() != upTo - after) {
      return Optional.empty();
    }
    List<Logged> changes = new ArrayList<>(messages.size());
    long expected = after + 1;
    for (String json : messages) {
      InvalidationMessage message;
      try {
        message = InvalidationMessage.parse(json);
      } catch (IllegalArgumentException e) {
        return Optional.empty(); // unreadable: the caller must not trust the range
      }
      if (message.version() != expected) {
        return Optional.empty();
      }
      changes.add(new Logged(message.version(), message.scope()));
      expected++;
    }
    return Optional.of(List.copyOf(changes));
  }

  @Override
  public int forgetUpTo(long version) {
    return transactions.acrossTenants(() -> sql().prune(version));
  }
}
