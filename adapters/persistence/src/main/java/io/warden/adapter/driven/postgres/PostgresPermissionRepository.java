package io.warden.adapter.driven.postgres;

import io.warden.application.port.driven.PermissionRepository;
import io.warden.application.port.driving.Conflict;
import io.warden.domain.model.permission.Permission;
import io.warden.domain.model.permission.PermissionName;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Permission definitions in {@code permissions} (global). */
final class PostgresPermissionRepository extends MapperBacked<PermissionMapper>
    implements PermissionRepository {
  PostgresPermissionRepository(PostgresTransactions transactions) {
    super(transactions, PermissionMapper.class);
  }

  @Override
  public List<Permission> findAll() {
    return sql().findAll().stream().map(PermissionRow::toPermission).toList();
  }

  @Override
  public Optional<Permission> find(PermissionName name) {
    return Optional.ofNullable(sql().find(name.value())).map(PermissionRow::toPermission);
  }

  @Override
  public Set<PermissionName> undefined(Collection<PermissionName> names) {
    if (names.isEmpty()) {
      return Set.of();
    }
    String[] values = names.stream().map(PermissionName::value).distinct().toArray(String[]::new);
    return sql().undefined(values).stream()
        .map(PermissionName::new)
        .collect(Collectors.toUnmodifiableSet());
  }

  @Override
  public void insert(Permission permission) {
    if (sql().insert(PermissionRow.of(permission)) == 0) {
      throw new Conflict("permission " + permission.name() + " exists already");
    }
  }

  @Override
  public void insertMissing(Collection<Permission> permissions) {
    if (!permissions.isEmpty()) {
      sql().insertMissing(permissions.stream().map(PermissionRow::of).toList());
    }
  }

  /**
   * Removes it from every role of every tenant through the cascading foreign key, whatever the
   * transaction's scope (the port asks callers to use {@code acrossTenants} all the same).
   */
  @Override
  public boolean delete(PermissionName name) {
    return sql().delete(name.value()) > 0;
  }
}
