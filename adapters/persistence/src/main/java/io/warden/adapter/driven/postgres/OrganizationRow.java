package io.warden.adapter.driven.postgres;

import io.warden.domain.model.organization.Organization;
import io.warden.domain.model.organization.OrganizationId;
import io.warden.domain.model.tenant.TenantId;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A row of {@code organizations}; {@code parentId} null for a root. */
record OrganizationRow(UUID id, UUID tenantId, String name, @Nullable UUID parentId) {
  static OrganizationRow of(Organization organization) {
    return new OrganizationRow(
        organization.id().value(),
        organization.tenantId().value(),
        organization.name(),
        organization.parentId().map(OrganizationId::value).orElse(null));
  }

  Organization toOrganization() {
    return new Organization(
        new OrganizationId(id),
        new TenantId(tenantId),
        name,
        Optional.ofNullable(parentId).map(OrganizationId::new));
  }
}
