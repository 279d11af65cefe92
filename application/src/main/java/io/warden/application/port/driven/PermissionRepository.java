package io.warden.application.port.driven;

import io.warden.domain.model.permission.Permission;
import io.warden.domain.model.permission.PermissionName;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Permission definitions, global. */
public interface PermissionRepository {

  /** Ordered by name. */
  List<Permission> findAll();

  Optional<Permission> find(PermissionName name);

  /** Which of {@code names} are not defined. */
  Set<PermissionName> undefined(Collection<PermissionName> names);

  /** {@link io.warden.application.port.driving.Conflict} on a duplicate name. */
  void insert(Permission permission);

  /** Inserts those not defined yet (built-ins at start). */
  void insertMissing(Collection<Permission> permissions);

  /** Deletes it and removes it from every role in every tenant; returns whether it existed. */
  boolean delete(PermissionName name);
}
