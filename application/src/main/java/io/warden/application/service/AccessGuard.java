package io.warden.application.service;

import io.warden.application.port.in.Caller;
import io.warden.application.port.in.Forbidden;
import io.warden.application.port.out.EffectivePermissions;
import io.warden.domain.model.permission.PermissionName;
import io.warden.domain.model.permission.PermissionSet;
import io.warden.domain.model.tenant.TenantId;
import java.util.Objects;

/** Decides whether a caller may run an administrative operation, from their own permissions. */
final class AccessGuard {
  private final EffectivePermissions effectivePermissions;

  AccessGuard(EffectivePermissions effectivePermissions) {
    this.effectivePermissions =
        Objects.requireNonNull(effectivePermissions, "effectivePermissions");
  }

  /**
   * The caller's tenant, once the caller is known to hold {@code permission} in it; {@link
   * Forbidden} for a tenant-less token or a missing permission.
   */
  TenantId requirePermission(Caller caller, PermissionName permission) {
    TenantId tenant = caller.requireTenant();
    if (!permissionsOf(caller, tenant).allows(permission)) {
      throw new Forbidden("missing permission " + permission.value());
    }
    return tenant;
  }

  /** The caller's own effective permissions in {@code tenant}. */
  PermissionSet permissionsOf(Caller caller, TenantId tenant) {
    return effectivePermissions.of(tenant, caller.userId()).permissions();
  }

  static void requireSystemAdmin(Caller caller) {
    if (!caller.systemAdmin()) {
      throw new Forbidden("only a system administrator may do this");
    }
  }
}
