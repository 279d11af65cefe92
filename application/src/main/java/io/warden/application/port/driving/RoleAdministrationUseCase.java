package io.warden.application.port.driving;

import io.warden.domain.model.role.Role;
import io.warden.domain.model.role.RoleId;
import java.util.List;
import java.util.Optional;

/** Roles of the caller's tenant: listing, editing, granting and revoking permissions. */
public interface RoleAdministrationUseCase {

  List<Role> list(Caller caller);

  Role get(Caller caller, RoleId roleId);

  /**
   * {@link Conflict} on a duplicate name; an unknown permission, an unknown included role or an
   * inclusion that would close a cycle is an invalid value.
   */
  Role create(Caller caller, CreateRole command);

  /** Absent fields stay as they are; {@code permissions} replaces the whole set. */
  Role update(Caller caller, RoleId roleId, UpdateRole command);

  /** Idempotent. */
  void grant(Caller caller, RoleId roleId, String permission);

  /** Idempotent. */
  void revoke(Caller caller, RoleId roleId, String permission);

  void delete(Caller caller, RoleId roleId);

  /** {@code includes}: ids of roles of the tenant whose grants the new role adds to its own. */
  record CreateRole(
      String name, String description, List<String> permissions, List<String> includes) {
    public CreateRole(String name, String description, List<String> permissions) {
      this(name, description, permissions, List.of());
    }
  }

  /** Absent fields stay as they are; {@code includes} replaces the whole set of inclusions. */
  record UpdateRole(
      Optional<String> name,
      Optional<String> description,
      Optional<List<String>> permissions,
      Optional<List<String>> includes) {
    public UpdateRole(
        Optional<String> name, Optional<String> description, Optional<List<String>> permissions) {
      this(name, description, permissions, Optional.empty());
    }
  }
}
