package io.warden.domain.model.role;

import io.warden.domain.model.organization.OrganizationId;
import io.warden.domain.model.tenant.TenantId;
import io.warden.domain.model.user.UserId;
import java.time.Instant;
import java.util.Optional;

/**
 * A role held by a member of a tenant, until {@code expiresAt} if that is set. With an {@code
 * organizationId} the role grants only for that organization and its descendants (a check that
 * names one of them); without, tenant-wide.
 */
public record RoleAssignment(
    TenantId tenantId,
    UserId userId,
    RoleId roleId,
    Optional<Instant> expiresAt,
    Optional<OrganizationId> organizationId) {
  /** A tenant-wide assignment. */
  public RoleAssignment(
      TenantId tenantId, UserId userId, RoleId roleId, Optional<Instant> expiresAt) {
    this(tenantId, userId, roleId, expiresAt, Optional.empty());
  }

  /** An expired assignment grants nothing, whether or not anything has cleaned it up. */
  public boolean isEffectiveAt(Instant now) {
    return expiresAt.map(now::isBefore).orElse(true);
  }

  public boolean isScoped() {
    return organizationId.isPresent();
  }
}
