package io.warden.application.fake;

import io.warden.application.port.driven.QuotaStore;
import io.warden.application.port.driven.contract.QuotaStoreContract;

/** The in-memory quota store keeps the contract the Redis store keeps. */
class InMemoryQuotaStoreContractTest extends QuotaStoreContract {
  private final InMemoryQuotaStore store = new InMemoryQuotaStore(System::nanoTime);

  @Override
  protected QuotaStore store() {
    return store;
  }
}
