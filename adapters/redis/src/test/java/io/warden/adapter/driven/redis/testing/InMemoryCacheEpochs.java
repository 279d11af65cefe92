package io.warden.adapter.driven.redis.testing;

import io.warden.application.port.driven.CacheEpochs;
import io.warden.application.port.driven.CacheInvalidation;
import io.warden.application.port.driven.Unavailable;
import io.warden.domain.event.InvalidationScope;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * The L2 epoch in memory, as the database keeps it: {@link #advance} moves it on and announces an
 * {@code Everything} invalidation to the registered instances (synchronously), and it can be made
 * to fail like a database that is down.
 */
public final class InMemoryCacheEpochs implements CacheEpochs {
  private final AtomicLong epoch;
  private final AtomicInteger advances = new AtomicInteger();
  private final List<CacheInvalidation> listeners = new CopyOnWriteArrayList<>();
  private volatile LongSupplier announcementVersion = () -> 0;
  private volatile boolean failing;

  public InMemoryCacheEpochs(long start) {
    this.epoch = new AtomicLong(start);
  }

  @Override
  public long current() {
    failIfDown();
    return epoch.get();
  }

  @Override
  public long advance() {
    failIfDown();
    long advanced = epoch.incrementAndGet();
    advances.incrementAndGet();
    long version = announcementVersion.getAsLong();
    for (CacheInvalidation listener : listeners) {
      listener.invalidate(new InvalidationScope.Everything(), version);
    }
    return advanced;
  }

  /** Delivers every advance to {@code listener}, stamped with {@code version}'s next value. */
  public void announceTo(CacheInvalidation listener, LongSupplier version) {
    listeners.add(listener);
    announcementVersion = version;
  }

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
