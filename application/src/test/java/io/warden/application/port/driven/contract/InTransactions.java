package io.warden.application.port.driven.contract;

import io.warden.application.port.driven.Transactions;
import io.warden.domain.model.tenant.TenantId;
import java.util.function.Supplier;

/**
 * How a storage test runs its work: each call in a transaction of its own, in one tenant or across
 * them, returning a value or not. The contracts and an adapter's own tests share it.
 */
public interface InTransactions {

  /** The transactions of the store under test. */
  Transactions transactions();

  default <T> T inTenant(TenantId tenant, Supplier<T> work) {
    return transactions().inTenant(tenant, work);
  }

  default void inTenantDo(TenantId tenant, Runnable work) {
    inTenant(
        tenant,
        () -> {
          work.run();
          return null;
        });
  }

  default <T> T across(Supplier<T> work) {
    return transactions().acrossTenants(work);
  }

  default void acrossDo(Runnable work) {
    across(
        () -> {
          work.run();
          return null;
        });
  }
}
