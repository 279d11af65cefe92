package io.warden.adapter.driven.postgres;

import java.util.UUID;

/** A role with the user holding it: one row of the many-users role query. */
record HeldRoleRow(
    UUID holderId,
    UUID id,
    UUID tenantId,
    String name,
    String description,
    boolean system,
    String[] permissions,
    UUID[] includes) {

  RoleRow role() {
    return new RoleRow(id, tenantId, name, description, system, permissions, includes);
  }
}
