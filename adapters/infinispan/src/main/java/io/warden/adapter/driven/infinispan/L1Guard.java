package io.warden.adapter.driven.infinispan;

import io.warden.application.port.driven.InvalidationFeed;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.function.BiPredicate;
import java.util.function.ToLongFunction;
import java.util.function.UnaryOperator;

/**
 * What an invalidation-guarded L1 cache is built from: the feed that says whether invalidations are
 * heard, the clock, the limits, the generations its invalidations raise and, when it is part of a
 * tier, the manager its entries live in (otherwise it starts one of its own).
 */
record L1Guard(
    InvalidationFeed feed,
    Clock clock,
    L1Limits limits,
    InvalidationGenerations generations,
    Optional<L1CacheManager> manager) {

  /** A cache with generations of its own, in a manager of its own. */
  static L1Guard alone(InvalidationFeed feed, Clock clock, L1Limits limits) {
    return new L1Guard(feed, clock, limits, new InvalidationGenerations(), Optional.empty());
  }

  /** A cache with generations of its own, in {@code manager} (whose owner closes it). */
  static L1Guard in(L1CacheManager manager, InvalidationFeed feed, Clock clock, L1Limits limits) {
    return new L1Guard(feed, clock, limits, new InvalidationGenerations(), Optional.of(manager));
  }

  /**
   * The cache named {@code purpose}, guarded by these generations.
   *
   * @param lastInvalidated the {@link InvalidationGenerations#lastInvalidated} of every scope that
   *     covers a key
   * @param keepable whether a loaded value may be kept, and served, at an instant whatever the
   *     invalidations
   */
  <K, V> GenerationGuardedCache<K, V> cache(
      String purpose, ToLongFunction<K> lastInvalidated, BiPredicate<V, Instant> keepable) {
    return cache(purpose, lastInvalidated, keepable, UnaryOperator.identity());
  }

  /**
   * As {@link #cache(String, ToLongFunction, BiPredicate)}, keeping {@code asKept} of each loaded
   * value (e.g. the value labelled with the tier that holds it).
   */
  <K, V> GenerationGuardedCache<K, V> cache(
      String purpose,
      ToLongFunction<K> lastInvalidated,
      BiPredicate<V, Instant> keepable,
      UnaryOperator<V> asKept) {
    return cache(purpose, lastInvalidated, keepable, keepable, asKept);
  }

  /**
   * As {@link #cache(String, ToLongFunction, BiPredicate, UnaryOperator)}, serving a kept value
   * while {@code servable} holds, which may accept more than the loads' {@code keepable} (values
   * the owner {@link GenerationGuardedCache#install installs} itself).
   */
  <K, V> GenerationGuardedCache<K, V> cache(
      String purpose,
      ToLongFunction<K> lastInvalidated,
      BiPredicate<V, Instant> keepable,
      BiPredicate<V, Instant> servable,
      UnaryOperator<V> asKept) {
    return new GenerationGuardedCache<>(
        purpose,
        LocalCaches.store(manager, purpose, limits),
        generations,
        lastInvalidated,
        keepable,
        servable,
        asKept,
        feed,
        clock,
        limits);
  }
}
