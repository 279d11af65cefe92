package io.warden.benchmarks;

import io.warden.application.port.driven.EffectivePermissions;
import io.warden.application.port.driven.PermissionSnapshot;
import io.warden.domain.model.permission.PermissionSet;
import io.warden.domain.model.tenant.TenantId;
import io.warden.domain.model.user.UserId;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The tier behind L1 in {@link HotPathBenchmark}: a map of fixed snapshots standing in for the
 * database, so the benchmark measures the cache and not a query. It counts its calls, which lets
 * the benchmark prove that a warm check never reaches it.
 */
public final class InMemoryEffectivePermissions implements EffectivePermissions {
  private static final PermissionSnapshot NOTHING =
      new PermissionSnapshot(PermissionSet.empty(), 0, Optional.empty());

  private final Map<Key, PermissionSnapshot> snapshots = new ConcurrentHashMap<>();
  private final LongAdder calls = new LongAdder();

  /** Makes {@code permissions} the effective permissions of the user in the tenant. */
  public void put(TenantId tenantId, UserId userId, PermissionSet permissions) {
    snapshots.put(
        new Key(tenantId, userId), new PermissionSnapshot(permissions, 1, Optional.empty()));
  }

  @Override
  public PermissionSnapshot of(TenantId tenantId, UserId userId) {
    calls.increment();
    return snapshots.getOrDefault(new Key(tenantId, userId), NOTHING);
  }

  @Override
  public Map<UserId, PermissionSnapshot> ofAll(TenantId tenantId, Collection<UserId> userIds) {
    calls.increment();
    Map<UserId, PermissionSnapshot> answers = new HashMap<>();
    for (UserId userId : userIds) {
      answers.put(userId, snapshots.getOrDefault(new Key(tenantId, userId), NOTHING));
    }
    return answers;
  }

  /** How many times a caller asked this tier. */
  public long calls() {
    return calls.sum();
  }

  private record Key(TenantId tenantId, UserId userId) {}
}
