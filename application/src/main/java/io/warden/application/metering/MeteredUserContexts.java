package io.warden.application.metering;

import io.warden.application.port.driven.Metrics;
import io.warden.application.port.driven.UserContexts;
import io.warden.domain.model.organization.OrganizationTree;
import io.warden.domain.model.tenant.TenantId;
import io.warden.domain.model.user.UserId;
import java.util.Objects;
import java.util.Optional;

/**
 * One tier of user contexts ({@code GET /api/me}), measured. An in-process tier is timed one call
 * in {@link Metrics#SAMPLE_ONE_IN}.
 */
public final class MeteredUserContexts implements UserContexts {
  private final Metrics metrics;
  private final Metrics.Tier tier;
  private final UserContexts next;

  public MeteredUserContexts(Metrics metrics, Metrics.Tier tier, UserContexts next) {
    this.metrics = Objects.requireNonNull(metrics, "metrics");
    this.tier = Objects.requireNonNull(tier, "tier");
    this.next = Objects.requireNonNull(next, "next");
  }

  @Override
  public Optional<UserContext> of(TenantId tenantId, UserId userId) {
    if (tier.sampled() && !Metrics.sampled()) {
      try {
        return next.of(tenantId, userId);
      } finally {
        metrics.tier(tier, Metrics.Operation.USER_CONTEXT, 1);
      }
    }
    long start = System.nanoTime();
    try {
      return next.of(tenantId, userId);
    } finally {
      metrics.tier(tier, Metrics.Operation.USER_CONTEXT, 1, System.nanoTime() - start);
    }
  }

  @Override
  public OrganizationTree organizationTree(TenantId tenantId) {
    long start = System.nanoTime();
    try {
      return next.organizationTree(tenantId);
    } finally {
      metrics.tier(tier, Metrics.Operation.USER_CONTEXT, 1, System.nanoTime() - start);
    }
  }
}
