package io.warden.adapter.driven.infinispan;

import io.warden.application.port.driven.CacheInvalidation;
import io.warden.application.port.driven.EffectivePermissions;
import io.warden.application.port.driven.InvalidationFeed;
import io.warden.application.port.driven.PermissionSnapshot;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import org.infinispan.Cache;
import org.infinispan.manager.DefaultCacheManager;

/**
 * L1 of {@link EffectivePermissions}: an embedded, local, bounded Infinispan cache in front of the
 * next tier, which concurrent misses for one key call once, and which never serves an answer that
 * an invalidation it has seen could have made stale.
 *
 * <p>An entry is served only if (1) no invalidation covering its key finished after its load began
 * (see {@link InvalidationGenerations}: whole-tenant and whole-user invalidations cost O(1), no
 * scan), (2) its snapshot is still valid now (an expiring assignment ends it), (3) it is younger
 * than the safety-net lifespan and (4) while the {@link InvalidationFeed} is not live, it is
 * younger than the staleness bound. Everything else falls through to the next tier and is replaced.
 * Infinispan failing only costs speed: the answer then comes from the next tier.
 */
public final class InfinispanPermissionCache
    implements EffectivePermissions, CacheInvalidation, AutoCloseable {
  private static final System.Logger LOG =
      System.getLogger(InfinispanPermissionCache.class.getName());
  private static final String CACHE_NAME = "effective-permissions";

  private final EffectivePermissions next;
  private final InvalidationFeed feed;
  private final Clock clock;
  private final L1Limits limits;
  private final InvalidationGenerations generations;
  private final DefaultCacheManager manager;
  private final Cache<PermissionKey, CachedPermissions> cache;
  private final ConcurrentHashMap<PermissionKey, Flight> inFlight = new ConcurrentHashMap<>();

  private final CacheCounters counters = new CacheCounters();
  private volatile boolean closed;

  /** Starts the embedded cache; {@link #close()} stops it. */
  public InfinispanPermissionCache(
      EffectivePermissions next, InvalidationFeed feed, Clock clock, L1Limits limits) {
    this(next, feed, clock, limits, new InvalidationGenerations());
  }

  InfinispanPermissionCache(
      EffectivePermissions next,
      InvalidationFeed feed,
      Clock clock,
      L1Limits limits,
      InvalidationGenerations generations) {
    this.next = Objects.requireNonNull(next, "next");
    this.feed = Objects.requireNonNull(feed, "feed");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.limits = Objects.requireNonNull(limits, "limits");
    this.generations = Objects.requireNonNull(generations, "generations");
    this.manager = LocalCaches.startManager("permissions");
    try {
      this.cache =
          LocalCaches.boundedCache(manager, CACHE_NAME, limits.maxEntries(), limits.lifespan());
    } catch (RuntimeException e) {
      manager.stop();
      throw e;
    }
  }

  @Override
  public PermissionSnapshot of(TenantId tenantId, UserId userId) {
    PermissionKey key = new PermissionKey(tenantId, userId);
    // Read before the entry: every invalidation finished before this call is counted in it.
    long lastInvalidated = generations.lastInvalidated(tenantId, userId);
    CachedPermissions cached = read(key);
    if (cached != null && servable(cached, lastInvalidated, clock.instant())) {
      counters.hits.increment();
      return cached.snapshot();
    }
    counters.misses.increment();
    return loadOnce(key, lastInvalidated);
  }

  @Override
  public Map<UserId, PermissionSnapshot> ofAll(TenantId tenantId, Collection<UserId> userIds) {
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(userIds, "userIds");
    Map<UserId, PermissionSnapshot> answers = new LinkedHashMap<>();
    List<UserId> missing = new ArrayList<>();
    Instant now = clock.instant();
    for (UserId userId : new LinkedHashSet<>(userIds)) {
      PermissionKey key = new PermissionKey(tenantId, userId);
      long lastInvalidated = generations.lastInvalidated(tenantId, userId);
      CachedPermissions cached = read(key);
      if (cached != null && servable(cached, lastInvalidated, now)) {
        counters.hits.increment();
        answers.put(userId, cached.snapshot());
      } else {
        counters.misses.increment();
        missing.add(userId);
      }
    }
    if (!missing.isEmpty()) {
      long loadSequence = generations.sequence();
      Instant loadedAt = clock.instant();
      counters.loads.increment();
      Map<UserId, PermissionSnapshot> loaded = next.ofAll(tenantId, List.copyOf(missing));
      Map<PermissionKey, CachedPermissions> keep = new HashMap<>();
      for (UserId userId : missing) {
        PermissionSnapshot snapshot = loaded.get(userId);
        if (snapshot == null) {
          throw new IllegalStateException("the next tier left out a requested user: " + userId);
        }
        answers.put(userId, snapshot);
        PermissionKey key = new PermissionKey(tenantId, userId);
        if (keepable(key, snapshot, loadSequence)) {
          keep.put(key, new CachedPermissions(snapshot, loadSequence, loadedAt));
        }
      }
      writeAll(keep);
    }
    return Collections.unmodifiableMap(answers);
  }

  /**
   * Raises the scope's generation first (from then on nothing loaded earlier is served, whether it
   * is in the cache or still in flight), then frees what can be found in O(1). The {@code version}
   * is not needed: what matters to this process is the order in which invalidations reach it.
   */
  @Override
  public void invalidate(InvalidationScope scope, long version) {
    Objects.requireNonNull(scope, "scope");
    generations.invalidate(scope);
    if (closed) {
      return;
    }
    try {
      switch (scope) {
        case InvalidationScope.UserInTenant p ->
            cache.remove(new PermissionKey(p.tenantId(), p.userId()));
        case InvalidationScope.Everything e -> cache.clear();
        // Their entries already read as misses; eviction, the lifespan or the next load of each
        // key reclaims them, so no scan of the cache is needed.
        case InvalidationScope.WholeTenant t -> {}
        case InvalidationScope.WholeUser u -> {}
      }
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "L1 could not free entries for " + scope, e);
    }
  }

  /** Counters since start, with Infinispan's own eviction count and size. */
  public CacheStats stats() {
    return counters.stats(cache);
  }

  /** Stops the embedded cache; later calls go straight to the next tier. */
  @Override
  public void close() {
    closed = true;
    manager.stop();
  }

  /** The Infinispan cache itself, for tests that interleave with its writes. */
  Cache<PermissionKey, CachedPermissions> store() {
    return cache;
  }

  private boolean servable(CachedPermissions cached, long lastInvalidated, Instant now) {
    return cached.loadSequence() >= lastInvalidated
        && cached.snapshot().isValidAt(now)
        && LocalCaches.youngEnough(
            cached.loadedAt(), now, limits.lifespan(), limits.stalenessBound(), feed);
  }

  /**
   * One call to the next tier per key at a time. A caller joins the load in flight only if that
   * load began after every invalidation this caller has seen; otherwise it could be handed what the
   * invalidation was meant to remove, so it starts a load of its own (which takes the key's slot).
   */
  private PermissionSnapshot loadOnce(PermissionKey key, long lastInvalidated) {
    Flight mine = new Flight(generations.sequence());
    Flight flight =
        inFlight.compute(
            key,
            (k, running) ->
                running != null && running.loadSequence >= lastInvalidated ? running : mine);
    if (flight != mine) {
      counters.coalescedLoads.increment();
      return flight.await();
    }
    try {
      Instant loadedAt = clock.instant();
      counters.loads.increment();
      PermissionSnapshot snapshot =
          Objects.requireNonNull(
              next.of(key.tenantId(), key.userId()), "the next tier answered null");
      if (keepable(key, snapshot, mine.loadSequence)) {
        write(key, new CachedPermissions(snapshot, mine.loadSequence, loadedAt));
      }
      mine.result.complete(snapshot);
      return snapshot;
    } catch (RuntimeException | Error e) {
      mine.result.completeExceptionally(e);
      throw e;
    } finally {
      inFlight.remove(key, mine);
    }
  }

  /**
   * Whether a fresh load is worth keeping. A stranger's snapshot never is (random ids must not fill
   * the cache). An invalidation may still land between this check and the write; the entry then
   * carries a load sequence older than it and reads as a miss.
   */
  private boolean keepable(PermissionKey key, PermissionSnapshot snapshot, long loadSequence) {
    if (!snapshot.cacheable()) {
      return false;
    }
    if (!generations.isCurrent(loadSequence, key.tenantId(), key.userId())) {
      counters.discardedLoads.increment();
      return false;
    }
    return snapshot.isValidAt(clock.instant());
  }

  private CachedPermissions read(PermissionKey key) {
    if (closed) {
      return null;
    }
    try {
      return cache.get(key);
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "L1 read failed; asking the next tier", e);
      return null;
    }
  }

  private void write(PermissionKey key, CachedPermissions value) {
    if (closed) {
      return;
    }
    try {
      cache.put(key, value);
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "L1 write failed; the entry is not cached", e);
    }
  }

  private void writeAll(Map<PermissionKey, CachedPermissions> values) {
    if (values.isEmpty() || closed) {
      return;
    }
    try {
      cache.putAll(values);
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "L1 write failed; the entries are not cached", e);
    }
  }

  /** A load of one key in progress, which later callers may wait for instead of loading again. */
  private static final class Flight {
    final long loadSequence;
    final CompletableFuture<PermissionSnapshot> result = new CompletableFuture<>();

    Flight(long loadSequence) {
      this.loadSequence = loadSequence;
    }

    PermissionSnapshot await() {
      try {
        return result.join();
      } catch (CompletionException e) {
        if (e.getCause() instanceof RuntimeException cause) {
          throw cause;
        }
        if (e.getCause() instanceof Error cause) {
          throw cause;
        }
        throw e;
      }
    }
  }
}
