package io.warden.adapter.driven.postgres;

import io.warden.domain.model.tenant.Tenant;
import io.warden.domain.model.tenant.TenantId;
import java.util.UUID;

/** A row of {@code tenants}. */
record TenantRow(UUID id, String slug, String name, boolean active) {
  static TenantRow of(Tenant tenant) {
    return new TenantRow(tenant.id().value(), tenant.slug(), tenant.name(), tenant.active());
  }

  Tenant toTenant() {
    return new Tenant(new TenantId(id), slug, name, active);
  }
}
