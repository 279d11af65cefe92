package io.warden.adapter.driven.postgres;

import java.util.UUID;

/**
 * A role with the user holding it: one row of the many-users role query. It repeats {@link
 * RoleRow}'s columns instead of holding one because MyBatis builds rows from flat columns by
 * constructor argument name; nesting a {@code RoleRow} would take a hand-written result map (every
 * column, its type handler) longer than this record, and one more place to change per column.
 */
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
