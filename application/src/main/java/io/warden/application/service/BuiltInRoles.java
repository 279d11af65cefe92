package io.warden.application.service;

import io.warden.domain.model.permission.BuiltInPermissions;
import io.warden.domain.model.permission.Permission;
import io.warden.domain.model.permission.PermissionName;
import io.warden.domain.model.role.Role;
import io.warden.domain.model.tenant.TenantId;
import java.util.Set;
import java.util.stream.Collectors;

/** The roles a tenant is born with. */
final class BuiltInRoles {
  private BuiltInRoles() {}

  /** The system role {@code admin}, holding every built-in permission. */
  static Role admin(TenantId tenantId) {
    Set<PermissionName> all =
        BuiltInPermissions.ALL.stream().map(Permission::name).collect(Collectors.toSet());
    return Role.systemRole(tenantId, BuiltInPermissions.ADMIN_ROLE, all);
  }
}
