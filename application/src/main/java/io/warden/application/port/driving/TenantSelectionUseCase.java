package io.warden.application.port.driving;

import io.warden.domain.model.tenant.Tenant;
import io.warden.domain.model.tenant.TenantId;
import java.util.List;

/** Which tenants a caller may enter, and a token scoped to one of them. */
public interface TenantSelectionUseCase {

  /** Active tenants where the caller is an active member (every active tenant is not implied). */
  List<Tenant> tenantsOf(Caller caller);

  /** A token scoped to {@code tenantId}; {@link Forbidden} unless the caller may enter it. */
  TokenPair selectTenant(Caller caller, TenantId tenantId);
}
