package io.warden.application.fake;

import io.warden.application.port.driven.SigningKeyRepository;
import io.warden.application.port.driven.contract.Storage;
import io.warden.application.port.driven.contract.StorageContracts;

/**
 * The in-memory fakes keep every storage port's contract, so that the use-case tests built on them
 * prove what the PostgreSQL adapter would do. Each test gets a fresh store.
 */
class InMemoryStorageContractTest extends StorageContracts {
  private final Storage storage = InMemoryStorage.of(new InMemoryStore());

  @Override
  protected Storage storage() {
    return storage;
  }

  @Override
  protected SigningKeyRepository signingKeysWithoutKeys() {
    return storage.signingKeys();
  }
}
