package io.warden.application.service;

import io.warden.application.port.driven.EffectivePermissions;
import io.warden.application.port.driving.Caller;
import io.warden.application.port.driving.Forbidden;
import io.warden.domain.model.permission.PermissionName;
import io.warden.domain.model.permission.PermissionSet;
import io.warden.domain.model.tenant.TenantId;
import io.warden.domain.policy.EscalationDecision;
import io.warden.domain.policy.EscalationPolicy;
import io.warden.domain.policy.EscalationPolicy.Grantor;
import java.util.Collection;

/** Decides whether a caller may run an administrative operation, from their own permissions. */
final class AccessGuard {
  private final EffectivePermissions effectivePermissions;

  AccessGuard(EffectivePermissions effectivePermissions) {
    this.effectivePermissions = effectivePermissions;
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

  /**
   * The caller as a grantor in their token's tenant (what they hold there, and whether a system
   * administrator), once known to hold {@code permission}; {@link Forbidden} as {@link
   * #requirePermission}. One load of the caller's permissions serves both decisions.
   */
  Grantor requireGrantor(Caller caller, PermissionName permission) {
    TenantId tenant = caller.requireTenant();
    PermissionSet held = permissionsOf(caller, tenant);
    if (!held.allows(permission)) {
      throw new Forbidden("missing permission " + permission.value());
    }
    return new Grantor(caller.systemAdmin(), held);
  }

  /**
   * {@link Forbidden}, naming what the grantor lacks, unless {@code policy} lets {@code grantor}
   * make a role grant {@code wouldGrant}.
   */
  static void requireMayGrant(
      EscalationPolicy policy, Grantor grantor, Collection<PermissionName> wouldGrant) {
    if (policy.decide(grantor, wouldGrant) instanceof EscalationDecision.Refused refused) {
      throw new Forbidden(refused.describe());
    }
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
