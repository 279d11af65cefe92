package io.warden.application.metering;

import io.warden.application.port.driven.EffectivePermissions;
import io.warden.application.port.driven.Metrics;
import io.warden.application.port.driven.PermissionSnapshot;
import io.warden.domain.model.tenant.TenantId;
import io.warden.domain.model.user.UserId;
import java.util.Collection;
import java.util.Map;

/**
 * One permission tier, measured: every key that reaches it and how long it (with the tiers below
 * it, when it misses) took. Single loads count as {@code permission load}, batches as {@code batch
 * permission load} with one key per user. An in-process tier ({@link Metrics.Tier#sampled()}) is
 * timed one call in {@link Metrics#SAMPLE_ONE_IN}, its other calls counted.
 */
public final class MeteredPermissions implements EffectivePermissions {
  private final TierTiming loads;
  private final TierTiming batchLoads;
  private final EffectivePermissions next;

  public MeteredPermissions(Metrics metrics, Metrics.Tier tier, EffectivePermissions next) {
    this.loads = new TierTiming(metrics, tier, Metrics.Operation.PERMISSION_LOAD);
    this.batchLoads = new TierTiming(metrics, tier, Metrics.Operation.BATCH_PERMISSION_LOAD);
    this.next = next;
  }

  @Override
  public PermissionSnapshot of(TenantId tenantId, UserId userId) {
    long started = loads.start();
    try {
      return next.of(tenantId, userId);
    } finally {
      loads.end(started, 1);
    }
  }

  @Override
  public Map<UserId, PermissionSnapshot> ofAll(TenantId tenantId, Collection<UserId> userIds) {
    long started = batchLoads.start();
    try {
      return next.ofAll(tenantId, userIds);
    } finally {
      batchLoads.end(started, userIds.size());
    }
  }
}
