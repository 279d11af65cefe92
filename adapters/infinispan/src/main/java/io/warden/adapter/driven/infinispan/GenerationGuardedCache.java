package io.warden.adapter.driven.infinispan;

import io.warden.application.port.driven.InvalidationFeed;
import io.warden.domain.event.InvalidationScope;
import io.warden.domain.model.tenant.TenantId;
import io.warden.domain.model.user.UserId;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.BiPredicate;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import java.util.function.UnaryOperator;
import org.infinispan.Cache;
import org.jspecify.annotations.Nullable;

/**
 * The one L1 engine: a bounded, local Infinispan cache in front of a loader, which concurrent
 * misses for one key call once, and which never serves an answer that an invalidation it has seen
 * could have made stale.
 *
 * <p>An entry is served only if (1) no invalidation covering its key finished after its load began
 * (the owner says which generations cover a key; {@link InvalidationGenerations} decides, so
 * whole-tenant and whole-user invalidations cost O(1), no scan), (2) its value may still be kept
 * now (an expiring assignment ends it), (3) it is younger than the safety-net lifespan and (4)
 * while the {@link InvalidationFeed} is not live, it is younger than the staleness bound.
 * Everything else falls through to the loader and is replaced. Infinispan failing only costs speed:
 * the answer then comes from the loader.
 *
 * @param <K> the key: a record of typed ids
 * @param <V> the cached answer, never null (an absent answer is an empty {@code Optional})
 */
final class GenerationGuardedCache<K, V> implements AutoCloseable {
  /**
   * A cached answer with the invalidation sequence read before its load began and the instant its
   * load began.
   */
  record Entry<V>(V value, long loadSequence, Instant loadedAt) {}

  private final InvalidationGenerations generations;
  private final ToLongFunction<K> lastInvalidated;
  private final BiPredicate<V, Instant> keepable;
  private final BiPredicate<V, Instant> servableValue;
  private final UnaryOperator<V> asKept;
  private final InvalidationFeed feed;
  private final Clock clock;
  private final L1Limits limits;
  private final FailSoftCache<K, Entry<V>> entries;
  private final SingleFlight<K, V> flights = new SingleFlight<>();
  private final CacheCounters counters = new CacheCounters();

  /**
   * @param purpose appears in log lines
   * @param store where the entries live; {@link #close()} stops it
   * @param lastInvalidated the {@link InvalidationGenerations#lastInvalidated} of every scope that
   *     covers a key
   * @param keepable whether a loaded value may be kept, and served, at an instant whatever the
   *     invalidations (an expiring role assignment ends it; a stranger's permissions are never
   *     kept)
   * @param servableValue whether a kept value may be served at an instant (the loads' {@code
   *     keepable} test applies where a value came from a load; an {@link #install}ed one passes
   *     only this)
   * @param asKept the value as the cache keeps it, from the value loaded (which the loading caller
   *     gets): applied once per write, never per hit
   */
  GenerationGuardedCache(
      String purpose,
      L1CacheManager.Handle<K, Entry<V>> store,
      InvalidationGenerations generations,
      ToLongFunction<K> lastInvalidated,
      BiPredicate<V, Instant> keepable,
      BiPredicate<V, Instant> servableValue,
      UnaryOperator<V> asKept,
      InvalidationFeed feed,
      Clock clock,
      L1Limits limits) {
    try {
      this.generations = generations;
      this.lastInvalidated = lastInvalidated;
      this.keepable = keepable;
      this.servableValue = servableValue;
      this.asKept = asKept;
      this.feed = feed;
      this.clock = clock;
      this.limits = limits;
    } catch (RuntimeException e) {
      store.stop().run();
      throw e;
    }
    this.entries = new FailSoftCache<>(purpose, store, counters);
  }

  /**
   * The servable entry of {@code key}, or else what {@code load} answers, which is kept only if no
   * invalidation covering the key finished while it ran.
   */
  V get(K key, Function<? super K, ? extends V> load) {
    // Read before the entry: every invalidation finished before this call is counted in it.
    long last = lastInvalidated.applyAsLong(key);
    Entry<V> cached = entries.get(key);
    if (cached != null && servable(cached, last, clock.instant())) {
      counters.hits.increment();
      return cached.value();
    }
    counters.misses.increment();
    return loadOnce(key, last, load);
  }

  /**
   * The answers for {@code keys} (each once, in their order): the servable entries, and one call of
   * {@code loadAll} for all the others, whose answers are kept under the same rule as {@link #get}.
   *
   * @throws IllegalStateException if {@code loadAll} leaves out a key it was asked for
   */
  Map<K, V> getAll(Collection<K> keys, Function<List<K>, Map<K, V>> loadAll) {
    Map<K, V> answers = new LinkedHashMap<>();
    List<K> missing = new ArrayList<>();
    Instant now = clock.instant();
    for (K key : new LinkedHashSet<>(keys)) {
      long last = lastInvalidated.applyAsLong(key);
      Entry<V> cached = entries.get(key);
      if (cached != null && servable(cached, last, now)) {
        counters.hits.increment();
        answers.put(key, cached.value());
      } else {
        counters.misses.increment();
        missing.add(key);
      }
    }
    if (!missing.isEmpty()) {
      long loadSequence = generations.sequence();
      Instant loadedAt = clock.instant();
      counters.loads.increment();
      Map<K, V> loaded = loadAll.apply(List.copyOf(missing));
      Map<K, Entry<V>> keep = new HashMap<>();
      for (K key : missing) {
        V value = loaded.get(key);
        if (value == null) {
          throw new IllegalStateException("the next tier left out a requested key: " + key);
        }
        answers.put(key, value);
        if (keepable(key, value, loadSequence)) {
          keep.put(key, new Entry<>(asKept.apply(value), loadSequence, loadedAt));
        }
      }
      entries.putAll(keep);
    }
    return Collections.unmodifiableMap(answers);
  }

  /**
   * Raises the scope's generation first (from then on nothing loaded earlier is served, whether it
   * is in the cache or still loading), then frees what can be found without a scan: the whole cache
   * for {@code Everything}, {@code exactKey} (may be null) otherwise. Entries of a whole tenant or
   * a whole user simply read as misses until eviction, the lifespan or their next load reclaims
   * them. Returns whether an entry of {@code exactKey} was there to free.
   */
  boolean invalidate(InvalidationScope scope, @Nullable K exactKey) {
    generations.invalidate(scope);
    if (scope instanceof InvalidationScope.Everything) {
      entries.clear();
    } else if (exactKey != null) {
      return entries.remove(exactKey);
    }
    return false;
  }

  /**
   * As {@link #invalidate(InvalidationScope, Object)} for a cache keyed by (tenant, user): the one
   * entry a {@code UserInTenant} scope names is {@code keyOf} its pair. Returns that key when its
   * entry was there to free, else null.
   */
  @Nullable K invalidatePerUser(InvalidationScope scope, BiFunction<TenantId, UserId, K> keyOf) {
    K exactKey =
        scope instanceof InvalidationScope.UserInTenant pair
            ? keyOf.apply(pair.tenantId(), pair.userId())
            : null;
    return invalidate(scope, exactKey) ? exactKey : null;
  }

  /**
   * Loads {@code key} ahead of its next read, under exactly the rules of a miss in {@link #get}
   * (single flight, stamped with the sequence read before the load, kept only if no invalidation
   * covering the key finished meanwhile), unless a servable entry is already there: after an
   * invalidation, the first read then finds the new answer instead of waiting for it. Counted as a
   * load, neither a hit nor a miss: no caller asked.
   */
  void refresh(K key, Function<? super K, ? extends V> load) {
    long last = lastInvalidated.applyAsLong(key);
    Entry<V> cached = entries.get(key);
    if (cached != null && servable(cached, last, clock.instant())) {
      return;
    }
    loadOnce(key, last, load);
  }

  /**
   * Keeps {@code value} — an answer the caller holds already, which a load would have given (a
   * change's own announcement of the key's new answer) — as if a load begun now had answered it:
   * stamped with the current sequence, so an invalidation covering the key that finishes after this
   * call makes it unservable. The load-time {@code keepable} test is the caller's business (an
   * announced answer may be one no load keeps, such as a former member's empty set: it is bounded
   * by the changes made, not by what callers ask); at read time the entry is served under {@code
   * servable}, as any other. The caller must make sure no invalidation covering the key runs
   * concurrently (it is not atomic with one). Counted as nothing: no caller asked, nothing loaded.
   */
  void install(K key, V value) {
    long loadSequence = generations.sequence();
    entries.put(key, new Entry<>(asKept.apply(value), loadSequence, clock.instant()));
  }

  /** The entry {@link #get} would serve now, if any; neither loads nor counts anything. */
  Optional<V> peek(K key) {
    long last = lastInvalidated.applyAsLong(key);
    Entry<V> cached = entries.get(key);
    return cached != null && servable(cached, last, clock.instant())
        ? Optional.of(cached.value())
        : Optional.empty();
  }

  CacheStats stats() {
    return entries.stats();
  }

  /** Stops the embedded cache; later calls go straight to the loader. */
  @Override
  public void close() {
    entries.close();
  }

  /** The Infinispan cache itself, for tests that look at what is held. */
  Cache<K, Entry<V>> store() {
    return entries.cache();
  }

  private boolean servable(Entry<V> cached, long last, Instant now) {
    return cached.loadSequence() >= last
        && servableValue.test(cached.value(), now)
        && LocalCaches.youngEnough(
            cached.loadedAt(), now, limits.lifespan(), limits.stalenessBound(), feed);
  }

  /** One call to the loader per key at a time (see {@link SingleFlight}). */
  private V loadOnce(K key, long last, Function<? super K, ? extends V> load) {
    return flights.load(
        key,
        last,
        generations.sequence(),
        loadSequence -> {
          Instant loadedAt = clock.instant();
          counters.loads.increment();
          V value = Objects.requireNonNull(load.apply(key), "the next tier answered null");
          if (keepable(key, value, loadSequence)) {
            entries.put(key, new Entry<>(asKept.apply(value), loadSequence, loadedAt));
          }
          return value;
        },
        counters.coalescedLoads::increment);
  }

  /**
   * Whether a fresh load is worth keeping. An invalidation may still land between this check and
   * the write; the entry then carries a load sequence older than it and reads as a miss.
   */
  private boolean keepable(K key, V value, long loadSequence) {
    if (!keepable.test(value, clock.instant())) {
      return false;
    }
    if (lastInvalidated.applyAsLong(key) > loadSequence) {
      counters.discardedLoads.increment();
      return false;
    }
    return true;
  }
}
