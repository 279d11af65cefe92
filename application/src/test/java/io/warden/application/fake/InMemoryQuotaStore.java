package io.warden.application.fake;

import io.warden.application.port.driven.QuotaStore;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * A quota store in memory, for one process: fixed windows from a bucket's first use, every call
 * under one lock. It never refuses; a bucket whose window has ended is replaced by a full one, so
 * nothing outlives its window for long.
 */
public final class InMemoryQuotaStore implements QuotaStore {
  private final LongSupplier nanoTime;
  private final Map<String, Bucket> buckets = new HashMap<>();

  private static final class Bucket {
    long permits;
    final long resetAt;

    Bucket(long permits, long resetAt) {
      this.permits = permits;
      this.resetAt = resetAt;
    }
  }

  /**
   * @param nanoTime the monotonic time windows are measured by ({@code System::nanoTime})
   */
  public InMemoryQuotaStore(LongSupplier nanoTime) {
    this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
  }

  @Override
  public synchronized Slice take(String key, long limit, Duration window, long wanted) {
    long now = nanoTime.getAsLong();
    Bucket bucket = current(key, limit, window, now);
    long granted = Math.min(wanted, bucket.permits);
    bucket.permits -= granted;
    return new Slice(granted, bucket.permits, bucket.resetAt - now);
  }

  @Override
  public synchronized void giveBack(String key, long limit, Duration window, long permits) {
    Bucket bucket = current(key, limit, window, nanoTime.getAsLong());
    bucket.permits = Math.min(limit, bucket.permits + permits);
  }

  private Bucket current(String key, long limit, Duration window, long now) {
    Bucket bucket = buckets.get(key);
    if (bucket == null || now - bucket.resetAt >= 0) {
      bucket = new Bucket(limit, now + window.toNanos());
      buckets.put(key, bucket);
    }
    return bucket;
  }

  @Override
  public boolean refusing() {
    return false;
  }

  @Override
  public String describe() {
    return "in memory";
  }
}
