package io.warden.domain.model.role;

import io.warden.domain.model.InvalidValueException;
import io.warden.domain.model.permission.PermissionName;
import io.warden.domain.model.tenant.TenantId;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * A named set of permissions inside one tenant; a {@code system} role is built in. A role also
 * grants everything the roles it {@code includes} grant, transitively ({@link RoleGraph}); it never
 * includes itself.
 */
public record Role(
    RoleId id,
    TenantId tenantId,
    String name,
    String description,
    boolean system,
    SortedSet<PermissionName> permissions,
    SortedSet<RoleId> includes) {

  public Role {
    validateName(name);
    description = description == null ? "" : description;
    validateDescription(description);
    permissions = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(permissions));
    includes =
        java.util.Collections.unmodifiableSortedSet(
            new TreeSet<>(includes == null ? Set.of() : includes));
    InvalidValueException.require(
        !includes.contains(id), "includes", "a role cannot include itself");
    InvalidValueException.require(
        includes.size() <= MAX_INCLUDES, "includes", "at most " + MAX_INCLUDES + " roles");
  }

  /** A role without inclusions. */
  public Role(
      RoleId id,
      TenantId tenantId,
      String name,
      String description,
      boolean system,
      SortedSet<PermissionName> permissions) {
    this(id, tenantId, name, description, system, permissions, new TreeSet<>());
  }

  /** Direct inclusions per role; a tenant's graph is bounded by its roles anyway. */
  public static final int MAX_INCLUDES = 100;

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
    return new Role(id, tenantId, newName, description, system, permissions, includes);
  }

  public Role withDescription(String newDescription) {
    return new Role(id, tenantId, name, newDescription, system, permissions, includes);
  }

  public Role withPermissions(Set<PermissionName> newPermissions) {
    return new Role(
        id, tenantId, name, description, system, new TreeSet<>(newPermissions), includes);
  }

  public Role withIncludes(Set<RoleId> newIncludes) {
    return new Role(
        id, tenantId, name, description, system, permissions, new TreeSet<>(newIncludes));
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
