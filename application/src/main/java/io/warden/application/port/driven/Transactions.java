package io.warden.application.port.driven;

import io.warden.domain.model.tenant.TenantId;
import java.util.function.Supplier;

/**
 * Runs work in one database transaction. Repositories called inside take part in it; a runtime
 * exception rolls it back. Row-level security sees only {@code tenantId}'s rows in {@link
 * #inTenant}; {@link #acrossTenants} is the explicit opt-in for the few cross-tenant reads and
 * writes (login, system administration).
 */
public interface Transactions {

  <T> T inTenant(TenantId tenantId, Supplier<T> work);

  <T> T acrossTenants(Supplier<T> work);

  /** The same as {@link #inTenant} but read-only, for queries. */
  default <T> T readInTenant(TenantId tenantId, Supplier<T> work) {
    return inTenant(tenantId, work);
  }
}
