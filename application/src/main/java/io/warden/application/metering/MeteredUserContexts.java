package io.warden.application.metering;

import io.warden.application.port.driven.Metrics;
import io.warden.application.port.driven.UserContexts;
import io.warden.domain.model.organization.OrganizationTree;
import io.warden.domain.model.tenant.TenantId;
import io.warden.domain.model.user.UserId;
import java.util.Optional;

/**
 * One tier of user contexts ({@code GET /api/me}), measured. An in-process tier is timed one call
 * in {@link Metrics#SAMPLE_ONE_IN}; an organization tree, every call.
 */
public final class MeteredUserContexts implements UserContexts {
  private final TierTiming contexts;
  private final UserContexts next;

  public MeteredUserContexts(Metrics metrics, Metrics.Tier tier, UserContexts next) {
    this.contexts = new TierTiming(metrics, tier, Metrics.Operation.USER_CONTEXT);
    this.next = next;
  }

  @Override
  public Optional<UserContext> of(TenantId tenantId, UserId userId) {
    long started = contexts.start();
    try {
      return next.of(tenantId, userId);
    } finally {
      contexts.end(started, 1);
    }
  }

  @Override
  public OrganizationTree organizationTree(TenantId tenantId) {
    long started = System.nanoTime();
    try {
      return next.organizationTree(tenantId);
    } finally {
      contexts.end(started, 1);
    }
  }
}
