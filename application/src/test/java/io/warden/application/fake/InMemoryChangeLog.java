package io.warden.application.fake;

import io.warden.application.port.driven.ChangeLog;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The change log of an {@link InMemoryStore}: what it announced with each commit, less what was
 * forgotten. Its versions, like a database sequence, have gaps where a transaction rolled back; a
 * range is complete when nothing in it was forgotten and every version in it was handed out, since
 * then each was either committed (and is here) or rolled back (and never existed).
 */
public final class InMemoryChangeLog implements ChangeLog {
  private final InMemoryStore store;
  private long forgottenUpTo;

  public InMemoryChangeLog(InMemoryStore store) {
    this.store = Objects.requireNonNull(store, "store");
  }

  @Override
  public synchronized Optional<List<Logged>> between(long after, long upTo) {
    if (upTo < after) {
      throw new IllegalArgumentException("upTo " + upTo + " is before " + after);
    }
    if (upTo == after) {
      return Optional.of(List.of());
    }
    // The version first: every transaction holding a version up to it has finished by the time
    // the store's lock hands out the announcements.
    long handedOut = store.version();
    List<InMemoryStore.Announcement> committed = store.announcements();
    if (after < forgottenUpTo || upTo > handedOut) {
      return Optional.empty();
    }
    return Optional.of(
        committed.stream()
            .filter(a -> a.version() > after && a.version() <= upTo)
            .map(a -> new Logged(a.version(), a.scope()))
            .toList());
  }

  @Override
  public synchronized int forgetUpTo(long version) {
    long before = forgottenUpTo;
    forgottenUpTo = Math.max(forgottenUpTo, version);
    return (int)
        store.announcements().stream()
            .filter(a -> a.version() > before && a.version() <= version)
            .count();
  }
}
