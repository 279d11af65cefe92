package io.warden.application.metering;

import io.warden.application.port.driven.EffectivePermissions;
import io.warden.application.port.driven.Metrics;
import io.warden.application.port.driven.PermissionSnapshot;
import io.warden.domain.model.tenant.TenantId;
import io.warden.domain.model.user.UserId;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;

/**
 * One permission tier, measured: every key that reaches it and how long it (with the tiers below
 * it, when it misses) took. Single loads count as {@code permission load}, batches as {@code batch
 * permission load} with one key per user.
 */
public final class MeteredPermissions implements EffectivePermissions {
  private final Metrics metrics;
  private final Metrics.Tier tier;
  private final EffectivePermissions next;

  public MeteredPermissions(Metrics metrics, Metrics.Tier tier, EffectivePermissions next) {
    this.metrics = Objects.requireNonNull(metrics, "metrics");
    this.tier = Objects.requireNonNull(tier, "tier");
    this.next = Objects.requireNonNull(next, "next");
  }

  @Override
  public PermissionSnapshot of(TenantId tenantId, UserId userId) {
    long start = System.nanoTime();
    try {
      return next.of(tenantId, userId);
    } finally {
      metrics.tier(tier, Metrics.Operation.PERMISSION_LOAD, 1, System.nanoTime() - start);
    }
  }

  @Override
  public Map<UserId, PermissionSnapshot> ofAll(TenantId tenantId, Collection<UserId> userIds) {
    long start = System.nanoTime();
    try {
      return next.ofAll(tenantId, userIds);
    } finally {
      metrics.tier(
          tier, Metrics.Operation.BATCH_PERMISSION_LOAD, userIds.size(), System.nanoTime() - start);
    }
  }
}
