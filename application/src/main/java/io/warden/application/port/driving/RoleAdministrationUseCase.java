package io.warden.application.port.driving;

import io.warden.domain.model.role.Role;
import io.warden.domain.model.role.RoleId;
import java.util.List;
import java.util.Optional;

/** Roles of the caller's tenant: listing, editing, granting and revoking permissions. */
public interface RoleAdministrationUseCase {

  List<Role> list(Caller caller);

  Role get(Caller caller, RoleId roleId);

  /** {@link Conflict} on a duplicate name; an unknown permission is an invalid value. */
  Role create(Caller caller, CreateRole command);

  /** Absent fields stay as they are; {@code permissions} replaces the whole set. */
  Role update(Caller caller, RoleId roleId, UpdateRole command);

  /** Idempotent. */
  void grant(Caller caller, RoleId roleId, String permission);

  /** Idempotent. */
  void revoke(Caller caller, RoleId roleId, String permission);

  void delete(Caller caller, RoleId roleId);

  record CreateRole(String name, String description, List<String> permissions) {}

  record UpdateRole(
      Optional<String> name, Optional<String> description, Optional<List<String>> permissions) {}
}
