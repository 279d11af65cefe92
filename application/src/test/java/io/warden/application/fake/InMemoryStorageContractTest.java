package io.warden.application.fake;

import io.warden.application.port.driven.CacheInvalidation;
import io.warden.application.port.driven.SigningKeyRepository;
import io.warden.application.port.driven.contract.Announcements;
import io.warden.application.port.driven.contract.InvalidationFeedContract;
import io.warden.application.port.driven.contract.Storage;
import io.warden.application.port.driven.contract.StorageContracts;

/**
 * The in-memory fakes keep every storage port's contract, so that the use-case tests built on them
 * prove what the PostgreSQL adapter would do. Each test gets a fresh store.
 */
class InMemoryStorageContractTest extends StorageContracts {
  private final InMemoryStore store = new InMemoryStore();
  private final Storage storage = InMemoryStorage.of(store);

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
}
