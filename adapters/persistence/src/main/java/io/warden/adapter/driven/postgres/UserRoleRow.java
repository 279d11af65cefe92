package io.warden.adapter.driven.postgres;

import io.warden.domain.model.role.RoleAssignment;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A row of {@code user_roles}: a role assignment, {@code expiresAt} null when it never expires. */
record UserRoleRow(UUID tenantId, UUID userId, UUID roleId, @Nullable Instant expiresAt) {
  static UserRoleRow of(RoleAssignment assignment) {
    return new UserRoleRow(
        assignment.tenantId().value(),
        assignment.userId().value(),
        assignment.roleId().value(),
        assignment.expiresAt().orElse(null));
  }
}
