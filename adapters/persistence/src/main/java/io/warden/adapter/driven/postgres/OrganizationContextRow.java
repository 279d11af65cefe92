package io.warden.adapter.driven.postgres;

import java.util.UUID;

/** An organization a user reaches, and whether the user is a direct member of it. */
record OrganizationContextRow(UUID id, UUID tenantId, String name, UUID parentId, boolean direct) {
  OrganizationRow organization() {
    return new OrganizationRow(id, tenantId, name, parentId);
  }
}
