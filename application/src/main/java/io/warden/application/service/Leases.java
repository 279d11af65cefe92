package io.warden.application.service;

import io.warden.application.port.driven.QuotaStore;
import io.warden.application.port.driven.Unavailable;
import io.warden.application.port.driving.RateLimitUseCase.RateClass;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import java.util.function.ToLongFunction;

/** The slices of each key's shared quota this instance took from the store and has not spent. */
final class Leases {
  private static final System.Logger LOG = System.getLogger(Leases.class.getName());

  private final ConcurrentHashMap<RateBucket, Lease> leases = new ConcurrentHashMap<>();
  private final LongSupplier nanoTime;

  Leases(LongSupplier nanoTime) {
    this.nanoTime = nanoTime;
  }

  /** The lease of {@code bucket}, empty and ended if it had none. */
  Lease of(RateBucket bucket) {
    return leases.computeIfAbsent(bucket, b -> new Lease(nanoTime.getAsLong()));
  }

  /** Forgets the leases whose window and refusal both ended by {@code now}. */
  void sweep(long now) {
    leases
        .entrySet()
        .removeIf(
            e -> {
              Lease lease = e.getValue();
              return now - lease.windowEnd >= 0 && now - lease.refusedUntil >= 0;
            });
  }

  int size() {
    return leases.size();
  }

  /**
   * Gives every unspent permit back to {@code quota}, except a lease closer than {@code
   * marginNanos} to its window's end (it would land in the next window), and ends every lease.
   * Stops at the first failure: the store is away, and what is left expires with its window.
   *
   * @return the permits given back
   */
  long giveBackAll(QuotaStore quota, ToLongFunction<RateClass> limits, long marginNanos) {
    long returned = 0;
    for (Map.Entry<RateBucket, Lease> entry : leases.entrySet()) {
      Lease lease = entry.getValue();
      lease.lock.lock();
      try {
        long now = nanoTime.getAsLong();
        if (lease.permits > 0 && lease.windowEnd - now > marginNanos) {
          RateBucket bucket = entry.getKey();
          quota.giveBack(
              bucket.storeKey(),
              limits.applyAsLong(bucket.rateClass()),
              bucket.window(),
              lease.permits);
          returned += lease.permits;
        }
        lease.permits = 0;
        lease.windowEnd = now;
      } catch (Unavailable e) {
        LOG.log(
            System.Logger.Level.WARNING,
            "Rate limits: could not give leased permits back ({0})",
            e.getMessage());
        break;
      } finally {
        lease.lock.unlock();
      }
    }
    return returned;
  }

  /** Permits taken from the store for one key; guarded by its lock (held across a take). */
  static final class Lease {
    final ReentrantLock lock = new ReentrantLock();
    long permits;
    long windowEnd;
    long sharedRemaining;
    long refusedUntil;

    Lease(long now) {
      windowEnd = now;
      refusedUntil = now;
    }
  }
}
