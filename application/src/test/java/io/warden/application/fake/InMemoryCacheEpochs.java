package io.warden.application.fake;

import io.warden.application.port.driven.CacheEpochs;
import io.warden.application.port.driven.CacheInvalidation;
import io.warden.application.port.driven.Unavailable;
import io.warden.domain.event.InvalidationScope;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;

/**
 * The L2 epoch in an {@link InMemoryStore}. Called inside a transaction it takes part in it (an
 * advance rolled back is undone and never announced); outside one it stands alone. An advance is
 * announced through the store like a change; a cache tier's own tests, which run no feed, may also
 * register instances with {@link #announceTo} to hear of it at once. It can be made to fail like a
 * database that is down.
 */
public final class InMemoryCacheEpochs implements CacheEpochs {
  private final InMemoryStore store;
  private final AtomicInteger advances = new AtomicInteger();
  private final List<CacheInvalidation> listeners = new CopyOnWriteArrayList<>();
  private volatile LongSupplier announcementVersion = () -> 0;
  private volatile boolean failing;

  public InMemoryCacheEpochs(InMemoryStore store) {
    this.store = Objects.requireNonNull(store, "store");
  }

  /** An epoch of its own, starting at {@code start}. */
  public InMemoryCacheEpochs(long start) {
    this(new InMemoryStore());
    store.locked(() -> store.committed().cacheEpoch = start);
  }

  @Override
  public long current() {
    failIfDown();
    return store.locked(() -> store.committed().cacheEpoch);
  }

  @Override
  public long advance(long from, LongConsumer prepare) {
    failIfDown();
    long[] advanced = {0};
    boolean moved =
        store.locked(
            () -> {
              InMemoryStore.Data data = store.committed();
              if (from != ANY && data.cacheEpoch != from) {
                advanced[0] = data.cacheEpoch;
                return false;
              }
              prepare.accept(data.cacheEpoch + 1);
              store.announce(data, new InvalidationScope.Everything());
              advanced[0] = ++data.cacheEpoch;
              return true;
            });
    if (!moved) {
      return advanced[0];
    }
    advances.incrementAndGet();
    if (!listeners.isEmpty()) {
      long version = announcementVersion.getAsLong();
      for (CacheInvalidation listener : listeners) {
        listener.invalidate(new InvalidationScope.Everything(), version);
      }
    }
    return advanced[0];
  }

  /** Tells {@code listener} of every advance at once, stamped with {@code version}'s next value. */
  public void announceTo(CacheInvalidation listener, LongSupplier version) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
    announcementVersion = Objects.requireNonNull(version, "version");
  }

  /** How many advances succeeded. */
  public int advances() {
    return advances.get();
  }

  /** While failing, {@link #current} and {@link #advance} throw {@link Unavailable}. */
  public void failing(boolean down) {
    this.failing = down;
  }

  private void failIfDown() {
    if (failing) {
      throw new Unavailable("cache epochs: database down (test)");
    }
  }
}
