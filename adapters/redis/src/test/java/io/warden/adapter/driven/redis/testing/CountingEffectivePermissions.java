package io.warden.adapter.driven.redis.testing;

import io.warden.application.port.driven.EffectivePermissions;
import io.warden.application.port.driven.PermissionSnapshot;
import io.warden.domain.model.permission.PermissionSet;
import io.warden.domain.model.tenant.TenantId;
import io.warden.domain.model.user.UserId;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The source of truth in memory, counting how often it is asked: every change stamps a new data
 * version and every answer carries the version it was read at, like the database. A hook can run
 * between reading and returning, to play a change that lands while a load is in flight.
 */
public final class CountingEffectivePermissions implements EffectivePermissions {
  private final Map<Key, Grant> grants = new ConcurrentHashMap<>();
  private final Set<Key> strangers = ConcurrentHashMap.newKeySet();
  private final AtomicLong version = new AtomicLong();
  private final AtomicInteger singleLoads = new AtomicInteger();
  private final AtomicInteger bulkLoads = new AtomicInteger();
  private final AtomicInteger usersLoaded = new AtomicInteger();
  private final AtomicReference<Runnable> duringNextLoad = new AtomicReference<>();

  /** Replaces what {@code user} holds in {@code tenant}; returns the change's data version. */
  public long grant(TenantId tenant, UserId user, String... permissions) {
    return grant(tenant, user, PermissionSet.of(permissions), Optional.empty());
  }

  public long grant(
      TenantId tenant, UserId user, PermissionSet permissions, Optional<Instant> validUntil) {
    synchronized (version) {
      grants.put(new Key(tenant, user), new Grant(permissions, validUntil));
      return version.incrementAndGet();
    }
  }

  /**
   * Makes {@code user} a stranger to {@code tenant} (not a member): they hold nothing and their
   * snapshot is not cacheable. Everyone else is a member, holding what was granted.
   */
  public void stranger(TenantId tenant, UserId user) {
    synchronized (version) {
      grants.remove(new Key(tenant, user));
      strangers.add(new Key(tenant, user));
    }
  }

  /** A change elsewhere: only the data version moves. */
  public long touch() {
    return version.incrementAndGet();
  }

  public long version() {
    return version.get();
  }

  /** Runs {@code change} once, inside the next load, after it read and before it returns. */
  public void duringNextLoad(Runnable change) {
    duringNextLoad.set(change);
  }

  @Override
  public PermissionSnapshot of(TenantId tenantId, UserId userId) {
    singleLoads.incrementAndGet();
    usersLoaded.incrementAndGet();
    PermissionSnapshot snapshot = read(tenantId, userId);
    runHook();
    return snapshot;
  }

  @Override
  public Map<UserId, PermissionSnapshot> ofAll(TenantId tenantId, Collection<UserId> userIds) {
    bulkLoads.incrementAndGet();
    Map<UserId, PermissionSnapshot> answer = new LinkedHashMap<>();
    for (UserId user : userIds) {
      usersLoaded.incrementAndGet();
      answer.put(user, read(tenantId, user));
    }
    runHook();
    return answer;
  }

  /** Calls of {@link #of}. */
  public int singleLoads() {
    return singleLoads.get();
  }

  /** Calls of {@link #ofAll}. */
  public int bulkLoads() {
    return bulkLoads.get();
  }

  /** Users answered by either method. */
  public int usersLoaded() {
    return usersLoaded.get();
  }

  private PermissionSnapshot read(TenantId tenant, UserId user) {
    synchronized (version) {
      if (strangers.contains(new Key(tenant, user))) {
        return PermissionSnapshot.stranger(version.get());
      }
      Grant grant = grants.get(new Key(tenant, user));
      return grant == null
          ? new PermissionSnapshot(PermissionSet.empty(), version.get(), Optional.empty())
          : new PermissionSnapshot(grant.permissions(), version.get(), grant.validUntil());
    }
  }

  private void runHook() {
    Runnable change = duringNextLoad.getAndSet(null);
    if (change != null) {
      change.run();
    }
  }

  private record Key(TenantId tenant, UserId user) {}

  private record Grant(PermissionSet permissions, Optional<Instant> validUntil) {}
}
