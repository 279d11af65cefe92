package io.warden.application.fake;

import io.warden.application.port.driven.CacheInvalidation;
import io.warden.application.port.driven.ChangeLog;
import io.warden.application.port.driven.SigningKeyRepository;
import io.warden.application.port.driven.UserContexts;
import io.warden.application.port.driven.contract.Announcements;
import io.warden.application.port.driven.contract.InvalidationFeedContract;
import io.warden.application.port.driven.contract.Storage;
import io.warden.application.port.driven.contract.StorageContracts;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * The in-memory fakes keep every storage port's contract, so that the use-case tests built on them
 * prove what the PostgreSQL adapter would do. Each test gets a fresh store.
 */
class InMemoryStorageContractTest extends StorageContracts {
  private static final Instant NOW = Instant.parse("2026-01-05T09:00:00Z");

  private final InMemoryStore store = new InMemoryStore();
  private final Storage storage = InMemoryStorage.of(store);
  private final UserContexts contexts =
      new InMemoryUserContexts(
          store,
          storage.transactions(),
          Clock.fixed(NOW, ZoneOffset.UTC),
          Optional.of(storage.organizations()));
  private final ChangeLog log = new InMemoryChangeLog(store);

  @Override
  protected Storage storage() {
    return storage;
  }

  @Override
  protected SigningKeyRepository signingKeysWithoutKeys() {
    return storage.signingKeys();
  }

  @Override
  protected Announcements listen() {
    return new InMemoryAnnouncements(store);
  }

  @Override
  protected InvalidationFeedContract.Started startFeed(CacheInvalidation tiers) {
    FakeInvalidationFeed feed = FakeInvalidationFeed.listening(store, tiers);
    return new InvalidationFeedContract.Started() {
      @Override
      public boolean live() {
        return feed.live();
      }

      @Override
      public void close() {
        feed.close();
      }
    };
  }

  @Override
  protected UserContexts userContexts() {
    return contexts;
  }

  @Override
  protected Instant userContextsNow() {
    return NOW;
  }

  @Override
  protected ChangeLog changeLog() {
    return log;
  }
}
