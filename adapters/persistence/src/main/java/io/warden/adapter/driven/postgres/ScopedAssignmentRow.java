package io.warden.adapter.driven.postgres;

import io.warden.domain.model.organization.OrganizationId;
import io.warden.domain.model.role.RoleAssignment;
import io.warden.domain.model.role.RoleId;
import io.warden.domain.model.tenant.TenantId;
import io.warden.domain.model.user.UserId;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A row of {@code scoped_user_roles}; {@code expiresAt} null when it never expires. */
record ScopedAssignmentRow(
    UUID tenantId, UUID userId, UUID roleId, UUID organizationId, @Nullable Instant expiresAt) {
  static ScopedAssignmentRow of(RoleAssignment assignment) {
    return new ScopedAssignmentRow(
        assignment.tenantId().value(),
        assignment.userId().value(),
        assignment.roleId().value(),
        assignment.organizationId().orElseThrow().value(),
        assignment.expiresAt().orElse(null));
  }

  RoleAssignment toAssignment() {
    return new RoleAssignment(
        new TenantId(tenantId),
        new UserId(userId),
        new RoleId(roleId),
        Optional.ofNullable(expiresAt),
        Optional.of(new OrganizationId(organizationId)));
  }
}
