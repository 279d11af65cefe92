package io.warden.adapter.driven.infinispan;

import io.warden.application.port.driven.InvalidationFeed;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The limits all L1 caches share: their defaults, their checks and how entries age out. (The caches
 * themselves live in one {@link L1CacheManager}.)
 */
final class LocalCaches {
  // The defaults of every L1 cache: bootstrap configures them all with one size, one lifespan and
  // one staleness bound, so their defaults are stated once here.
  static final long DEFAULT_MAX_ENTRIES = 100_000;
  static final Duration DEFAULT_LIFESPAN = Duration.ofMinutes(10);
  static final Duration DEFAULT_STALENESS_BOUND = Duration.ofSeconds(1);

  private LocalCaches() {}

  /**
   * The limits every invalidation-guarded L1 cache is configured with, checked in one place.
   *
   * @throws IllegalArgumentException if {@code maxEntries} is not positive, {@code lifespan} is
   *     under 1 ms (Infinispan's unit) or {@code stalenessBound} is negative
   */
  static void requireLimits(long maxEntries, Duration lifespan, Duration stalenessBound) {
    requireMaxEntries(maxEntries);
    if (lifespan.toMillis() < 1) {
      throw new IllegalArgumentException("lifespan must be at least 1 ms: " + lifespan);
    }
    if (stalenessBound.isNegative()) {
      throw new IllegalArgumentException("stalenessBound must not be negative: " + stalenessBound);
    }
  }

  /**
   * The age half of the rule every invalidation-guarded L1 cache serves by, applied in one place:
   * no entry at or past its safety-net {@code lifespan}, and while the {@code feed} is not live,
   * none as old as the {@code stalenessBound}.
   */
  static boolean youngEnough(
      Instant loadedAt,
      Instant now,
      Duration lifespan,
      Duration stalenessBound,
      InvalidationFeed feed) {
    if (!now.isBefore(loadedAt.plus(lifespan))) {
      return false;
    }
    return feed.live() || now.isBefore(loadedAt.plus(stalenessBound));
  }

  /**
   * Where an invalidation-guarded cache keeps its entries: a cache in {@code shared} if given (its
   * owner stops the manager), otherwise in a manager of its own.
   */
  static <K, V> L1CacheManager.Handle<K, V> store(
      Optional<L1CacheManager> shared, String purpose, L1Limits limits) {
    Optional<Duration> lifespan = Optional.of(limits.lifespan());
    return shared.isPresent()
        ? shared.get().shared(purpose, limits.maxEntries(), lifespan)
        : L1CacheManager.alone(purpose, limits.maxEntries(), lifespan);
  }

  static void requireMaxEntries(long maxEntries) {
    if (maxEntries < 1) {
      throw new IllegalArgumentException("maxEntries must be positive: " + maxEntries);
    }
  }
}
