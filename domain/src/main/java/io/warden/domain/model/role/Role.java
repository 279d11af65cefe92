package io.warden.domain.model.role;

import io.warden.domain.model.InvalidValueException;
import io.warden.domain.model.permission.PermissionName;
import io.warden.domain.model.tenant.TenantId;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/** A named set of permissions inside one tenant; a {@code system} role is built in. */
public record Role(
    RoleId id,
    TenantId tenantId,
    String name,
    String description,
    boolean system,
    SortedSet<PermissionName> permissions) {

  public Role {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(tenantId, "tenantId");
    validateName(name);
    description = description == null ? "" : description;
    validateDescription(description);
    permissions = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(permissions));
  }

  /** A new, non-system role. */
  public static Role create(
      TenantId tenantId, String name, String description, Set<PermissionName> permissions) {
    return new Role(
        RoleId.random(), tenantId, name, description, false, new TreeSet<>(permissions));
  }

  /** The built-in {@code admin} role of a tenant. */
  public static Role systemRole(TenantId tenantId, String name, Set<PermissionName> permissions) {
    return new Role(
        RoleId.random(),
        tenantId,
        name,
        "Built-in administrator",
        true,
        new TreeSet<>(permissions));
  }

  public Role withName(String newName) {
    return new Role(id, tenantId, newName, description, system, permissions);
  }

  public Role withDescription(String newDescription) {
    return new Role(id, tenantId, name, newDescription, system, permissions);
  }

  public Role withPermissions(Set<PermissionName> newPermissions) {
    return new Role(id, tenantId, name, description, system, new TreeSet<>(newPermissions));
  }

  public static void validateName(String name) {
    InvalidValueException.requirePresent(name, "name");
    InvalidValueException.require(
        !name.isBlank() && name.length() <= 100, "name", "must be 1 to 100 characters");
  }

  public static void validateDescription(String description) {
    InvalidValueException.require(
        description.length() <= 500, "description", "must be at most 500 characters");
  }
}
