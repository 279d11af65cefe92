package io.warden.application.fake;

import io.warden.application.port.driven.PermissionRepository;
import io.warden.application.port.driving.Conflict;
import io.warden.domain.model.permission.Permission;
import io.warden.domain.model.permission.PermissionName;
import io.warden.domain.model.role.Role;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Permission definitions in an {@link InMemoryStore}; global. Deleting one touches the roles of
 * every tenant, so it needs an {@code acrossTenants} transaction.
 */
public final class InMemoryPermissionRepository implements PermissionRepository {
  private final InMemoryStore store;

  public InMemoryPermissionRepository(InMemoryStore store) {
    this.store = Objects.requireNonNull(store, "store");
  }

  @Override
  public List<Permission> findAll() {
    return List.copyOf(store.read().permissions.values());
  }

  @Override
  public Optional<Permission> find(PermissionName name) {
    return Optional.ofNullable(store.read().permissions.get(name));
  }

  @Override
  public Set<PermissionName> undefined(Collection<PermissionName> names) {
    Map<PermissionName, Permission> defined = store.read().permissions;
    return names.stream()
        .filter(n -> !defined.containsKey(n))
        .collect(Collectors.toCollection(TreeSet::new));
  }

  @Override
  public void insert(Permission permission) {
    InMemoryStore.Data data = store.write();
    if (data.permissions.containsKey(permission.name())) {
      throw new Conflict("a permission with this name exists");
    }
    data.permissions.put(permission.name(), permission);
  }

  @Override
  public void insertMissing(Collection<Permission> permissions) {
    InMemoryStore.Data data = store.write();
    for (Permission permission : permissions) {
      data.permissions.putIfAbsent(permission.name(), permission);
    }
  }

  @Override
  public boolean delete(PermissionName name) {
    if (store.requireContext().tenant().isPresent()) {
      throw new IllegalStateException("deleting a permission touches every tenant: acrossTenants");
    }
    InMemoryStore.Data data = store.write();
    if (data.permissions.remove(name) == null) {
      return false;
    }
    data.roles.replaceAll(
        (id, role) -> role.permissions().contains(name) ? without(role, name) : role);
    return true;
  }

  private static Role without(Role role, PermissionName name) {
    Set<PermissionName> rest = new TreeSet<>(role.permissions());
    rest.remove(name);
    return role.withPermissions(rest);
  }
}
