package io.warden.application.port.driving;

import io.warden.domain.model.tenant.TenantId;

/**
 * Flushing a tenant's permission caches on every instance. A system administrator may name any
 * tenant; anyone else needs {@code cache.manage} in the tenant of their token and can name only
 * that tenant: another tenant, like an unknown one, is {@link NotFound}.
 */
public interface CacheFlushUseCase {

  /** Drops every cached answer about the tenant, on every instance. */
  void flushTenant(Caller caller, TenantId tenantId);
}
