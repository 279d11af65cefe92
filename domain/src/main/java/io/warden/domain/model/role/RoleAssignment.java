package io.warden.domain.model.role;

import io.warden.domain.model.tenant.TenantId;
import io.warden.domain.model.user.UserId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** A role held by a member of a tenant, until {@code expiresAt} if that is set. */
public record RoleAssignment(
    TenantId tenantId, UserId userId, RoleId roleId, Optional<Instant> expiresAt) {
  public RoleAssignment {
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(roleId, "roleId");
    Objects.requireNonNull(expiresAt, "expiresAt");
  }

  /** An expired assignment grants nothing, whether or not anything has cleaned it up. */
  public boolean isEffectiveAt(Instant now) {
    return expiresAt.map(now::isBefore).orElse(true);
  }
}
