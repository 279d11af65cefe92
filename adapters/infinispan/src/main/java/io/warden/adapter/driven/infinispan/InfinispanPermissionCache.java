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
import java.util.Objects;
import org.infinispan.Cache;

/**
 * L1 of {@link EffectivePermissions}: the permission sets per (tenant, user) in an embedded, local,
 * bounded Infinispan cache in front of the next tier, served under the rules of {@link
 * GenerationGuardedCache}: concurrent misses for one key call the next tier once, and no answer is
 * served that an invalidation it has seen could have made stale (O(1) for a whole tenant or user,
 * no scan), nor past the snapshot's own expiry, the safety-net lifespan or, while the {@link
 * InvalidationFeed} is not live, the staleness bound. A stranger's snapshot (not {@link
 * PermissionSnapshot#cacheable() cacheable}) is never kept: random ids must not fill the cache.
 */
public final class InfinispanPermissionCache
    implements EffectivePermissions, CacheInvalidation, AutoCloseable {
  private static final String PURPOSE = "effective-permissions";

  /** The {@link PermissionSnapshot#servedBy()} of every snapshot this tier answers from memory. */
  static final String TIER = "l1";

  private final EffectivePermissions next;
  private final GenerationGuardedCache<PermissionKey, PermissionSnapshot> permissions;

  /** Starts an embedded cache of its own; {@link #close()} stops it. */
  public InfinispanPermissionCache(
      EffectivePermissions next, InvalidationFeed feed, Clock clock, L1Limits limits) {
    this(next, L1Guard.alone(feed, clock, limits));
  }

  /** A cache built from {@code guard}; {@link #close()} stops this cache. */
  InfinispanPermissionCache(EffectivePermissions next, L1Guard guard) {
    this.next = Objects.requireNonNull(next, "next");
    this.permissions =
        guard.cache(
            PURPOSE,
            key -> guard.generations().lastInvalidated(key.tenantId(), key.userId()),
            (snapshot, now) -> snapshot.cacheable() && snapshot.isValidAt(now),
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
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(userIds, "userIds");
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
  public void invalidate(InvalidationScope scope, long version) {
    permissions.invalidatePerUser(scope, PermissionKey::new);
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
