package io.warden.application.service;

import io.warden.application.port.driven.HealthProbe;
import io.warden.application.port.driven.InstanceRegistry;
import io.warden.application.port.driven.Overloaded;
import io.warden.application.port.driven.QuotaStore;
import io.warden.application.port.driven.Unavailable;
import io.warden.application.port.driving.HealthUseCase.Check;
import io.warden.application.port.driving.HealthUseCase.Status;
import io.warden.application.port.driving.RateLimitUseCase;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * The rate limits, with their quota either shared between instances through a {@link QuotaStore} or
 * held in this process.
 *
 * <p><b>Shared</b>: the instance leases small slices of a key's quota from the store (one atomic
 * operation per slice) and spends them locally, so most requests cost no round trip. A slice is at
 * most a twentieth of the limit divided by the live instances: the quota other instances hold
 * unspent when the store runs dry, the only way a client gets less than the limit, is then under 5%
 * of it; a client never gets more, since every permit spent was taken from the store first. A lease
 * ends with its window (permits of an old window are never spent in the next one); on {@link
 * #close()} what is left is given back.
 *
 * <p><b>Store unavailable</b> (its circuit breaker open): each instance enforces the limit divided
 * by the live instances ({@link InstanceRegistry}, never 0) in memory, logs the switch once,
 * reports it in {@code /health}, and tries the store again at most once a second; the first success
 * switches back. A take that fails while the breaker stays closed is asked once more, then the
 * request is refused with {@link Overloaded} (503): a slow answer is no outage, and a local window
 * opened by it would admit up to the limit divided by the live instances on top of the shared
 * quota.
 *
 * <p><b>In-process</b> (no store): the whole limit per key, in memory: one instance.
 */
public final class RateLimitService implements RateLimitUseCase, AutoCloseable {
  private static final System.Logger LOG = System.getLogger(RateLimitService.class.getName());

  /**
   * The {@code Retry-After} of a request the store failed to answer while its breaker is closed.
   */
  private static final Duration RETRY_AFTER_STORE_FAILED = Duration.ofSeconds(1);

  /** A lease closer than this to its window's end is not given back: it would land in the next. */
  private static final long GIVE_BACK_MARGIN_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

  // Indexed by RateClass.ordinal(): every class has its limit and its refusal counter.
  private final long[] limits = new long[RateClass.values().length];
  private final Optional<QuotaStore> store;
  private final InstanceRegistry instances;
  private final LongSupplier nanoTime;
  private final Leases leases;
  private final LocalWindows windows;
  private final LongAdder[] refusals = new LongAdder[RateClass.values().length];
  private final Optional<StoreFallback> fallback;
  private volatile boolean closed;

  /**
   * @param limits requests per window of each class; 0 (or absent) disables the class
   * @param store the shared quota, empty for in-process limits
   * @param instances the live instances, what a limit is divided by while the store is away
   * @param nanoTime a monotonic clock in nanoseconds ({@code System::nanoTime})
   */
  RateLimitService(
      Map<RateClass, Long> limits,
      Optional<QuotaStore> store,
      InstanceRegistry instances,
      LongSupplier nanoTime) {
    for (RateClass rateClass : RateClass.values()) {
      long limit = limits.getOrDefault(rateClass, 0L);
      if (limit < 0) {
        throw new IllegalArgumentException(rateClass.wireName() + " limit must not be negative");
      }
      this.limits[rateClass.ordinal()] = limit;
      this.refusals[rateClass.ordinal()] = new LongAdder();
    }
    this.store = store;
    this.instances = instances;
    this.nanoTime = nanoTime;
    this.windows = new LocalWindows(nanoTime);
    this.leases = new Leases(nanoTime);
    this.fallback = store.map(s -> new StoreFallback(s, instances, nanoTime, windows::clear));
  }

  /** The limit of {@code rateClass} per window, 0 when disabled. */
  public long limit(RateClass rateClass) {
    return limits[rateClass.ordinal()];
  }

  /** Requests refused in {@code rateClass} since start (for metrics). */
  public long refusals(RateClass rateClass) {
    return refusals[rateClass.ordinal()].sum();
  }

  /** Whether the shared store is away and the limits are enforced locally, divided. */
  public boolean inFallback() {
    return fallback.isPresent() && fallback.get().active();
  }

  @Override
  public Decision acquire(RateClass rateClass, String key) {
    long limit = limits[rateClass.ordinal()];
    if (limit == 0) {
      return Decision.UNLIMITED;
    }
    RateBucket bucket = new RateBucket(rateClass, key);
    Decision decision;
    if (fallback.isEmpty()) {
      decision = windows.acquire(bucket, limit);
    } else if (fallback.get().active() && !fallback.get().probeDue()) {
      decision = windows.acquire(bucket, divided(limit));
    } else {
      decision = shared(bucket, limit, store.orElseThrow(), fallback.get());
    }
    if (!decision.allowed()) {
      refusals[rateClass.ordinal()].increment();
    }
    return decision;
  }

  private Decision shared(RateBucket bucket, long limit, QuotaStore quota, StoreFallback outage) {
    if (closed) {
      // Draining: the leases went back to the store, and counting locally now would admit more.
      throw new Overloaded("this instance is shutting down", RETRY_AFTER_STORE_FAILED);
    }
    Leases.Lease lease = leases.of(bucket);
    lease.lock.lock();
    try {
      long now = nanoTime.getAsLong();
      if (now - lease.windowEnd >= 0) {
        lease.permits = 0; // the window ended: its permits are spent or void
      }
      // In fallback this caller was chosen to try the store again: ask it, not an old lease.
      if (lease.permits > 0 && !outage.active()) {
        lease.permits--;
        return RateDecisions.allowed(
            limit, lease.sharedRemaining + lease.permits, lease.windowEnd - now);
      }
      if (now - lease.refusedUntil < 0 && !outage.active()) {
        return RateDecisions.refused(limit, lease.refusedUntil - now);
      }
      QuotaStore.Slice slice;
      try {
        slice = take(quota, bucket, limit);
      } catch (Unavailable e) {
        if (!quota.refusing()) {
          // A slow or lost answer, the breaker still closed: no outage, so no local quota.
          throw new Overloaded("the rate-limit store did not answer", RETRY_AFTER_STORE_FAILED);
        }
        outage.enter(e);
        return windows.acquire(bucket, divided(limit));
      }
      outage.leave();
      long windowEnd = now + Math.max(1, slice.nanosToReset());
      if (slice.granted() <= 0) {
        lease.refusedUntil = windowEnd;
        return RateDecisions.refused(limit, windowEnd - now);
      }
      lease.permits = slice.granted() - 1;
      lease.windowEnd = windowEnd;
      lease.sharedRemaining = slice.remaining();
      return RateDecisions.allowed(limit, slice.remaining() + lease.permits, windowEnd - now);
    } finally {
      lease.lock.unlock();
    }
  }

  /**
   * One slice from the store, asked twice when the first call fails and the breaker stays closed
   * (the answer may just have been late). Callers of the same key wait on its lease's lock
   * meanwhile, then ask for themselves.
   */
  private QuotaStore.Slice take(QuotaStore quota, RateBucket bucket, long limit) {
    try {
      return quota.take(bucket.storeKey(), limit, bucket.window(), sliceSize(limit));
    } catch (Unavailable first) {
      if (quota.refusing()) {
        throw first;
      }
      return quota.take(bucket.storeKey(), limit, bucket.window(), sliceSize(limit));
    }
  }

  /** Permits per take: a twentieth of the limit per live instance, at least 1, at most 1000. */
  long sliceSize(long limit) {
    long perInstance = limit / (20L * Math.max(1, instances.liveInstances()));
    return Math.max(1, Math.min(1000, perInstance));
  }

  private long divided(long limit) {
    return Math.max(1, limit / Math.max(1, instances.liveInstances()));
  }

  /**
   * Forgets leases and windows that ended (run periodically): memory stays proportional to the keys
   * seen within one window.
   */
  public void sweep() {
    long now = nanoTime.getAsLong();
    leases.sweep(now);
    windows.sweep(now);
  }

  /** The number of keys with a lease or a local window (for tests and metrics). */
  public int trackedKeys() {
    return leases.size() + windows.size();
  }

  /**
   * The {@code ratelimit} health check, not critical: UP while limits are shared (or in-process),
   * DEGRADED while the store is away and each instance enforces its share.
   */
  public HealthProbe healthProbe() {
    return HealthProbe.of("ratelimit", false, this::health);
  }

  private Check health() {
    return fallback
        .map(StoreFallback::health)
        .orElseGet(() -> new Check(Status.UP, "in-process limits (no shared store)"));
  }

  /**
   * Gives back every permit leased and not spent, so that the other instances can spend them;
   * afterwards nothing more is leased. Safe to call more than once.
   */
  @Override
  public void close() {
    if (closed || store.isEmpty()) {
      closed = true;
      return;
    }
    closed = true;
    long returned =
        leases.giveBackAll(store.get(), r -> limits[r.ordinal()], GIVE_BACK_MARGIN_NANOS);
    LOG.log(System.Logger.Level.INFO, "Rate limits: gave {0} leased permit(s) back", returned);
  }
}
