package io.warden.adapter.driven.infinispan;

import io.warden.application.port.driven.CacheInvalidation;
import io.warden.application.port.driven.EffectivePermissions;
import io.warden.application.port.driven.InvalidationFeed;
import io.warden.application.port.driven.PermissionSnapshot;
import io.warden.domain.event.InvalidationScope;
import io.warden.domain.model.tenant.TenantId;
import io.warden.domain.model.user.UserId;
import java.time.Clock;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import org.infinispan.Cache;
import org.jspecify.annotations.Nullable;

/**
 * L1 of {@link EffectivePermissions}: the permission sets per (tenant, user) in an embedded, local,
 * bounded Infinispan cache in front of the next tier, served under the rules of {@link
 * GenerationGuardedCache}: concurrent misses for one key call the next tier once, and no answer is
 * served that an invalidation it has seen could have made stale (O(1) for a whole tenant or user,
 * no scan), nor past the snapshot's own expiry, the safety-net lifespan or, while the {@link
 * InvalidationFeed} is not live, the staleness bound. A stranger's snapshot (not {@link
 * PermissionSnapshot#cacheable() cacheable}) is never kept: random ids must not fill the cache.
 *
 * <p><b>Refill.</b> An invalidation that names one user in one tenant and finds that user's set
 * held remembers the key; once every tier has been evicted for the scope, {@link #refill} loads it
 * again in the background, so the first check after a revocation is a hit on the new set instead of
 * a reload. The refill is a miss's load and nothing else (see {@link
 * GenerationGuardedCache#refresh}): it is stamped with the invalidation sequence read before it
 * asks the next tier, it is kept only if no invalidation covering the key finished meanwhile, and a
 * check arriving while it runs joins it — never a load that began before the invalidation. The work
 * is bounded: only entries that were held, only {@code UserInTenant} scopes (a tenant-wide or
 * user-wide change stays lazy: no storm of loads), at most {@value #MAX_CONCURRENT_REFILLS} at a
 * time (the others are left to the next check).
 */
public final class InfinispanPermissionCache
    implements EffectivePermissions, CacheInvalidation, AutoCloseable {
  private static final String PURPOSE = "effective-permissions";

  /** The {@link PermissionSnapshot#servedBy()} of every snapshot this tier answers from memory. */
  static final String TIER = "l1";

  /** Refills running at once; one more is skipped, and the next check loads instead. */
  static final int MAX_CONCURRENT_REFILLS = 4;

  /** Evicted keys awaiting their refill; past this many, evictions are not remembered. */
  static final int MAX_PENDING_REFILLS = 4_096;

  private static final System.Logger LOG =
      System.getLogger(InfinispanPermissionCache.class.getName());

  /** Where refills run unless a test says otherwise: a virtual thread each, nothing to stop. */
  static final Executor IN_VIRTUAL_THREADS =
      refill -> Thread.ofVirtual().name("warden-l1-refill").start(refill);

  private final EffectivePermissions next;
  private final GenerationGuardedCache<PermissionKey, PermissionSnapshot> permissions;
  private final Executor refills;
  private final Semaphore refillSlots = new Semaphore(MAX_CONCURRENT_REFILLS);
  private final Set<PermissionKey> evictedWhileHeld = ConcurrentHashMap.newKeySet();

  /** Keys whose refill is running: an eviction that lands meanwhile makes it start again. */
  private final Set<PermissionKey> refilling = ConcurrentHashMap.newKeySet();

  /** Starts an embedded cache of its own; {@link #close()} stops it. */
  public InfinispanPermissionCache(
      EffectivePermissions next, InvalidationFeed feed, Clock clock, L1Limits limits) {
    this(next, L1Guard.alone(feed, clock, limits), IN_VIRTUAL_THREADS);
  }

  /** A cache built from {@code guard}, refilling in virtual threads; {@link #close()} stops it. */
  InfinispanPermissionCache(EffectivePermissions next, L1Guard guard) {
    this(next, guard, IN_VIRTUAL_THREADS);
  }

  /**
   * A cache built from {@code guard}; {@link #close()} stops this cache. {@code refills} runs the
   * background loads of {@link #refill}.
   */
  InfinispanPermissionCache(EffectivePermissions next, L1Guard guard, Executor refills) {
    this.next = next;
    this.refills = refills;
    this.permissions =
        guard.cache(
            PURPOSE,
            key -> guard.generations().lastInvalidated(key.tenantId(), key.userId()),
            (snapshot, now) -> snapshot.cacheable() && snapshot.isValidAt(now),
            // Loads keep only members' sets; a change's announced set of a former member is
            // installed by invalidate below and served like any other until the next change.
            (snapshot, now) -> snapshot.isValidAt(now),
            // Labelled once when kept, so a hit answers "l1" without any work of its own.
            snapshot -> snapshot.servedBy(TIER));
  }

  @Override
  public PermissionSnapshot of(TenantId tenantId, UserId userId) {
    return permissions.get(
        new PermissionKey(tenantId, userId), key -> next.of(key.tenantId(), key.userId()));
  }

  @Override
  public Map<UserId, PermissionSnapshot> ofAll(TenantId tenantId, Collection<UserId> userIds) {
    List<PermissionKey> keys =
        userIds.stream().map(userId -> new PermissionKey(tenantId, userId)).toList();
    Map<PermissionKey, PermissionSnapshot> answers =
        permissions.getAll(
            keys,
            missing -> {
              Map<UserId, PermissionSnapshot> loaded =
                  next.ofAll(tenantId, missing.stream().map(PermissionKey::userId).toList());
              Map<PermissionKey, PermissionSnapshot> byKey = new LinkedHashMap<>();
              loaded.forEach(
                  (userId, snapshot) -> byKey.put(new PermissionKey(tenantId, userId), snapshot));
              return byKey;
            });
    Map<UserId, PermissionSnapshot> byUser = new LinkedHashMap<>();
    answers.forEach((key, snapshot) -> byUser.put(key.userId(), snapshot));
    return Collections.unmodifiableMap(byUser);
  }

  /**
   * Makes every set the scope covers read as a miss, in O(1), and frees the one entry of a {@code
   * UserInTenant} scope. The {@code version} is not needed: what matters to this process is the
   * order in which invalidations reach it.
   */
  @Override
  public synchronized void invalidate(InvalidationScope scope, long version) {
    evicted(scope, permissions.invalidatePerUser(scope, PermissionKey::new));
  }

  /**
   * The change of {@code version} left the user with {@code now} (read in its transaction): keeps
   * it in place of the set held, if one is held and {@code now} {@link PermissionSnapshot#narrowing
   * narrows} it — grants nothing the held set does not, and is not older than it — so the first
   * check after a revocation is a hit on the new set; otherwise invalidates as {@link
   * #invalidate(InvalidationScope, long)} does (and a held set is refilled).
   *
   * <p>Why this is safe: {@code now} is exact as of its change's commit (read after every change
   * before it in version order). Every invalidation of this cache runs under one lock, so none runs
   * between the look at what is held and the install. A later change already applied here either
   * evicted the held set (nothing held: no install) or left a set of its version or newer ({@code
   * now} is older: no install); one applied after the install raises the generation over it. A load
   * in flight began before this call's own generation and is never served.
   */
  @Override
  public synchronized void invalidate(
      InvalidationScope.UserInTenant scope, long version, PermissionSnapshot now) {
    PermissionKey key = new PermissionKey(scope.tenantId(), scope.userId());
    Optional<PermissionSnapshot> kept = permissions.peek(key).flatMap(now::narrowing);
    PermissionKey held = permissions.invalidatePerUser(scope, PermissionKey::new);
    if (kept.isPresent()) {
      permissions.install(key, kept.get());
      evictedWhileHeld.remove(key);
    } else {
      evicted(scope, held);
    }
  }

  /**
   * Remembers for {@link #refill} the key an eviction found held — or found being refilled: the
   * eviction makes that refill's answer unservable, so it must start again (a change told by both
   * channels evicts twice, the second time often while the first one's refill runs).
   */
  private void evicted(InvalidationScope scope, @Nullable PermissionKey held) {
    if (scope instanceof InvalidationScope.Everything) {
      evictedWhileHeld.clear(); // a flush reloads lazily, whatever was pending
      return;
    }
    PermissionKey key = held;
    if (key == null && scope instanceof InvalidationScope.UserInTenant pair) {
      PermissionKey named = new PermissionKey(pair.tenantId(), pair.userId());
      key = refilling.contains(named) ? named : null;
    }
    if (key != null && evictedWhileHeld.size() < MAX_PENDING_REFILLS) {
      evictedWhileHeld.add(key);
    }
  }

  /**
   * Called once every tier has been evicted for {@code scope} (so the load cannot read an entry of
   * an inner tier that the change made stale): starts loading again, in the background, the set of
   * a {@code UserInTenant} scope if an eviction found it held. Returns whether a load was started.
   * Any other scope, a set that was not held, or all refill slots busy: nothing, the next check
   * loads as it always did.
   */
  public boolean refill(InvalidationScope scope) {
    if (!(scope instanceof InvalidationScope.UserInTenant pair)) {
      return false;
    }
    PermissionKey key = new PermissionKey(pair.tenantId(), pair.userId());
    if (!evictedWhileHeld.remove(key) || !refillSlots.tryAcquire()) {
      return false;
    }
    refilling.add(key);
    try {
      refills.execute(
          () -> {
            try {
              permissions.refresh(key, k -> next.of(k.tenantId(), k.userId()));
            } catch (RuntimeException e) {
              // Only speed is lost: the next check loads (and fails or succeeds) on its own.
              LOG.log(System.Logger.Level.DEBUG, "L1 refill of " + key + " failed", e);
            } finally {
              refilling.remove(key);
              refillSlots.release();
            }
          });
      return true;
    } catch (RejectedExecutionException e) {
      refilling.remove(key);
      refillSlots.release();
      return false;
    }
  }

  /**
   * The set this tier would answer for the pair from memory now, if it holds a servable one; loads
   * nothing and counts nothing (diagnostics, and tests that watch a refill without causing one).
   */
  public Optional<PermissionSnapshot> held(TenantId tenantId, UserId userId) {
    return permissions.peek(new PermissionKey(tenantId, userId));
  }

  /** Counters since start, with Infinispan's own eviction count and size. */
  public CacheStats stats() {
    return permissions.stats();
  }

  /** Stops the embedded cache; later calls go straight to the next tier. */
  @Override
  public void close() {
    permissions.close();
  }

  /** The Infinispan cache itself, for tests that interleave with its writes. */
  Cache<PermissionKey, GenerationGuardedCache.Entry<PermissionSnapshot>> store() {
    return permissions.store();
  }
}
