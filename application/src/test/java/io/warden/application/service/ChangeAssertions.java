package io.warden.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.warden.application.fake.InMemoryStore.JournalEntry;
import io.warden.application.fake.InMemoryWarden;
import io.warden.domain.event.InvalidationScope;
import io.warden.domain.event.RbacEvent;

/** What the tests of one change check about it, stated once: how it was journaled and announced. */
final class ChangeAssertions {
  private ChangeAssertions() {}

  /**
   * The latest journal entry is {@code event}, and exactly one invalidation followed it (since the
   * test last cleared them): for {@code scope}, at that entry's version, outside the transaction,
   * once the change had committed.
   *
   * @return the journal entry, for further checks
   */
  static JournalEntry assertJournaledAndAnnouncedAfterCommit(
      InMemoryWarden warden, RbacEvent event, InvalidationScope scope) {
    JournalEntry last = warden.store().lastJournalEntry();
    assertThat(last.event()).isEqualTo(event);
    assertThat(warden.invalidation().invalidations())
        .singleElement()
        .satisfies(
            i -> {
              assertThat(i.scope()).isEqualTo(scope);
              assertThat(i.version()).isEqualTo(last.version());
              assertThat(i.insideTransaction()).isFalse();
              assertThat(i.committed()).isTrue();
            });
    return last;
  }
}
