package io.warden.adapter.driven.postgres;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.warden.domain.model.tenant.TenantId;
import io.warden.domain.model.user.UserId;
import org.junit.jupiter.api.Test;

/**
 * What only PostgreSQL shows of the tenants; the port's contract runs in {@link
 * PostgresStorageContractTest}.
 */
class TenantRepositoryTest extends PostgresTestBase {

  @Test
  void active_tenants_of_needs_a_cross_tenant_transaction() {
    TenantId tenant = newTenant();
    UserId user = newMember(tenant);

    assertThatThrownBy(() -> inTenant(tenant, () -> db.tenants().activeTenantsOf(user)))
        .isInstanceOf(IllegalStateException.class);
  }
}
