package io.warden.adapter.driven.postgres;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** An organization a user reaches, and whether the user is a direct member of it. */
record OrganizationContextRow(
    UUID id, UUID tenantId, String name, @Nullable UUID parentId, boolean direct) {
  OrganizationRow organization() {
    return new OrganizationRow(id, tenantId, name, parentId);
  }
}
