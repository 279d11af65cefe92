package io.warden.adapter.driven.postgres;

import io.warden.domain.model.permission.PermissionName;
import io.warden.domain.model.role.Role;
import io.warden.domain.model.role.RoleId;
import io.warden.domain.model.tenant.TenantId;
import java.util.Arrays;
import java.util.TreeSet;
import java.util.UUID;

/**
 * A row of {@code roles} with the names of its {@code role_permissions} folded into an array by the
 * query, and the ids of the roles it includes ({@code role_includes}) likewise.
 */
record RoleRow(
    UUID id,
    UUID tenantId,
    String name,
    String description,
    boolean system,
    String[] permissions,
    UUID[] includes) {

  static RoleRow of(Role role) {
    return new RoleRow(
        role.id().value(),
        role.tenantId().value(),
        role.name(),
        role.description(),
        role.system(),
        permissionNames(role),
        includedIds(role));
  }

  static UUID[] includedIds(Role role) {
    return role.includes().stream().map(RoleId::value).toArray(UUID[]::new);
  }

  static String[] permissionNames(Role role) {
    return role.permissions().stream().map(PermissionName::value).toArray(String[]::new);
  }

  Role toRole() {
    TreeSet<PermissionName> names = new TreeSet<>();
    Arrays.stream(permissions).map(PermissionName::new).forEach(names::add);
    TreeSet<RoleId> included = new TreeSet<>();
    if (includes != null) {
      Arrays.stream(includes).map(RoleId::new).forEach(included::add);
    }
    return new Role(
        new RoleId(id), new TenantId(tenantId), name, description, system, names, included);
  }
}
