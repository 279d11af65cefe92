package io.warden.application.service;

import io.warden.application.port.driving.CacheFlushUseCase;
import io.warden.application.port.driving.Caller;
import io.warden.domain.event.RbacEvent;
import io.warden.domain.model.tenant.TenantId;

/**
 * Flushes a tenant's permission caches through the change journal, so that every instance drops
 * them (the flush is announced like any change, and only if it commits).
 */
public final class CacheFlushService implements CacheFlushUseCase {
  private final ChangeTransactions changes;
  private final CacheAccess access;

  CacheFlushService(ChangeTransactions changes, CacheAccess access) {
    this.changes = changes;
    this.access = access;
  }

  @Override
  public void flushTenant(Caller caller, TenantId tenantId) {
    access.requireMayManage(caller, tenantId);
    changes.runInTenant(
        tenantId,
        c -> {
          access.requireTenant(tenantId);
          c.record(new RbacEvent.CacheFlushed(tenantId));
          c.audit(Audit.by(caller, "cache.flush").target("tenantId", tenantId));
        });
  }
}
