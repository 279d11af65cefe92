package io.warden.application.metering;

import io.warden.application.port.driven.Metrics;
import io.warden.application.port.driving.AuthorizationUseCase;
import io.warden.application.port.driving.Caller;
import io.warden.domain.model.organization.OrganizationId;
import io.warden.domain.model.permission.PermissionSet;
import io.warden.domain.model.tenant.TenantId;
import io.warden.domain.model.user.UserId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Permission checks and batch checks, counted per tenant and user (the busiest); the queries pass
 * straight through, their loads are measured by the tiers. A check is not timed here: the driving
 * side times each request already (bootstrap records the {@code check} and {@code batch check}
 * operations from that one timing), and a second pair of clock readings would cost a warm check
 * more than everything else measuring it does.
 */
public final class MeteredAuthorization implements AuthorizationUseCase {
  private final Metrics metrics;
  private final AuthorizationUseCase next;

  public MeteredAuthorization(Metrics metrics, AuthorizationUseCase next) {
    this.metrics = metrics;
    this.next = next;
  }

  @Override
  public boolean check(Caller caller, Optional<UserId> userId, String permission) {
    boolean allowed = next.check(caller, userId, permission);
    // A check answers only inside the caller's tenant: past it, the token has one.
    metrics.checked(caller.requireTenant(), userId.orElse(caller.userId()));
    return allowed;
  }

  @Override
  public boolean check(
      Caller caller, Optional<UserId> userId, String permission, OrganizationId organizationId) {
    long start = System.nanoTime();
    try {
      boolean allowed = next.check(caller, userId, permission, organizationId);
      metrics.checked(caller.requireTenant(), userId.orElse(caller.userId()));
      return allowed;
    } finally {
      metrics.operation(Metrics.Operation.CHECK, System.nanoTime() - start);
    }
  }

  @Override
  public List<CheckResult> checkBatch(Caller caller, List<CheckItem> checks) {
    List<CheckResult> results = next.checkBatch(caller, checks);
    TenantId tenant = caller.requireTenant();
    for (CheckResult result : results) {
      metrics.checked(tenant, result.userId());
    }
    return results;
  }

  @Override
  public PermissionSet permissionsOf(Caller caller, UserId userId) {
    return next.permissionsOf(caller, userId);
  }

  @Override
  public Map<UserId, PermissionSet> permissionsOf(Caller caller, List<UserId> userIds) {
    return next.permissionsOf(caller, userIds);
  }

  @Override
  public Explanation explain(
      Caller caller, UserId userId, String permission, Optional<OrganizationId> organizationId) {
    return next.explain(caller, userId, permission, organizationId);
  }

  @Override
  public Me me(Caller caller) {
    return next.me(caller);
  }

  /** Measured the same way: only a read-through answer is a different use case to measure. */
  @Override
  public AuthorizationUseCase atLeast(long revision) {
    AuthorizationUseCase fresh = next.atLeast(revision);
    return fresh == next ? this : new MeteredAuthorization(metrics, fresh);
  }
}
