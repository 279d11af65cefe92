package io.warden.application.fake;

import io.warden.application.port.driven.ChangeJournal;
import io.warden.domain.event.RbacEvent;
import java.util.Objects;

/**
 * Journals changes in an {@link InMemoryStore}: an entry is kept, and announced, only if its
 * transaction commits, while versions, like a database sequence, are never reused.
 */
public final class InMemoryChangeJournal implements ChangeJournal {
  private final InMemoryStore store;

  public InMemoryChangeJournal(InMemoryStore store) {
    this.store = Objects.requireNonNull(store, "store");
  }

  @Override
  public long record(RbacEvent event) {
    Objects.requireNonNull(event, "event");
    InMemoryStore.Data data = store.write();
    long version = store.announce(data, event.scope());
    data.journal.add(new InMemoryStore.JournalEntry(event, version));
    return version;
  }
}
