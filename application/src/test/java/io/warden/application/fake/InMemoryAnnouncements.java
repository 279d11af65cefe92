package io.warden.application.fake;

import io.warden.application.port.driven.contract.Announcements;
import java.util.List;
import java.util.Objects;

/**
 * What an {@link InMemoryStore} announced with its commits since this listener subscribed. The
 * store commits synchronously, so what a caller committed is here when its call returns.
 */
public final class InMemoryAnnouncements implements Announcements {
  private final InMemoryStore store;
  private int seen;

  public InMemoryAnnouncements(InMemoryStore store) {
    this.store = Objects.requireNonNull(store, "store");
    this.seen = store.announcements().size();
  }

  @Override
  public synchronized List<Announced> next(int count) {
    List<InMemoryStore.Announcement> all = store.announcements();
    if (all.size() < seen + count) {
      throw new AssertionError(
          "only "
              + (all.size() - seen)
              + " of "
              + count
              + " announcements: "
              + all.subList(seen, all.size()));
    }
    List<Announced> next =
        all.subList(seen, seen + count).stream()
            .map(a -> new Announced(a.version(), a.scope()))
            .toList();
    seen += count;
    return next;
  }

  @Override
  public void close() {}
}
