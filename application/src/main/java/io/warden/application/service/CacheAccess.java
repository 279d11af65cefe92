package io.warden.application.service;

import io.warden.application.port.driven.EffectivePermissions;
import io.warden.application.port.driven.TenantRepository;
import io.warden.application.port.driving.Caller;
import io.warden.application.port.driving.NotFound;
import io.warden.domain.model.InvalidValueException;
import io.warden.domain.model.permission.BuiltInPermissions;
import io.warden.domain.model.tenant.TenantId;

/** Who may warm or flush a tenant's caches: the rule both cache use cases share. */
final class CacheAccess {
  private final AccessGuard guard;
  private final TenantRepository tenants;

  CacheAccess(EffectivePermissions effectivePermissions, TenantRepository tenants) {
    this.guard = new AccessGuard(effectivePermissions);
    this.tenants = tenants;
  }

  /**
   * A system administrator may name any tenant; anyone else needs {@code cache.manage} in the
   * tenant of their token, and naming another tenant is answered as if it did not exist. The
   * permission is checked first, so the answer to a caller without it never depends on the tenant
   * they named.
   */
  void requireMayManage(Caller caller, TenantId tenantId) {
    InvalidValueException.requirePresent(tenantId, "tenantId");
    if (caller.systemAdmin()) {
      return;
    }
    TenantId own = guard.requirePermission(caller, BuiltInPermissions.CACHE_MANAGE);
    if (!own.equals(tenantId)) {
      throw new NotFound("tenant not found");
    }
  }

  /** The tenant of a job a non-administrator may follow: the one of their token. */
  TenantId requireManagesOwnTenant(Caller caller) {
    return guard.requirePermission(caller, BuiltInPermissions.CACHE_MANAGE);
  }

  /** Inside a transaction of {@code tenantId}. */
  void requireTenant(TenantId tenantId) {
    NotFound.require(tenants.findById(tenantId), "tenant not found");
  }
}
