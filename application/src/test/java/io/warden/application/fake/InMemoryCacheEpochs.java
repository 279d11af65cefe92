package io.warden.application.fake;

import io.warden.application.port.driven.CacheEpochs;
import java.util.Objects;

/** The L2 epoch in an {@link InMemoryStore}. */
public final class InMemoryCacheEpochs implements CacheEpochs {
  private final InMemoryStore store;

  public InMemoryCacheEpochs(InMemoryStore store) {
    this.store = Objects.requireNonNull(store, "store");
  }

  @Override
  public long current() {
    return store.locked(() -> store.committed().cacheEpoch);
  }

  @Override
  public long advance() {
    return store.locked(() -> ++store.committed().cacheEpoch);
  }
}
