package io.warden.adapter.driven.postgres;

import static io.warden.adapter.driven.postgres.RoleChildren.INCLUDES;
import static io.warden.adapter.driven.postgres.RoleChildren.PERMISSIONS;

import io.warden.application.port.driven.RoleRepository;
import io.warden.application.port.driving.Conflict;
import io.warden.application.port.driving.NotFound;
import io.warden.domain.model.organization.OrganizationId;
import io.warden.domain.model.permission.PermissionName;
import io.warden.domain.model.role.Role;
import io.warden.domain.model.role.RoleAssignment;
import io.warden.domain.model.role.RoleId;
import io.warden.domain.model.tenant.TenantId;
import io.warden.domain.model.user.UserId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Roles of the transaction's tenant with their permissions ({@code roles}, {@code
 * role_permissions}) and their assignments ({@code user_roles}, and {@code scoped_user_roles} for
 * those scoped to an organization).
 */
final class PostgresRoleRepository extends MapperBacked<RoleMapper> implements RoleRepository {
  PostgresRoleRepository(PostgresTransactions transactions) {
    super(transactions, RoleMapper.class);
  }

  private ScopedAssignmentMapper scoped() {
    return transactions.mapper(ScopedAssignmentMapper.class);
  }

  private UUID tenant() {
    return transactions.requireTenant().value();
  }

  @Override
  public List<Role> findAll() {
    return sql().findAll(tenant()).stream().map(RoleRow::toRole).toList();
  }

  @Override
  public List<Role> page(Optional<RoleId> after, int limit) {
    return sql().page(tenant(), after.map(RoleId::value).orElse(null), limit).stream()
        .map(RoleRow::toRole)
        .toList();
  }

  @Override
  public Optional<Role> findById(RoleId id) {
    return Optional.ofNullable(sql().findById(tenant(), id.value())).map(RoleRow::toRole);
  }

  @Override
  public Optional<Role> findByName(String name) {
    return Optional.ofNullable(sql().findByName(tenant(), name)).map(RoleRow::toRole);
  }

  @Override
  public void insert(Role role) {
    UUID tenant = requireOwnTenant(role.tenantId());
    if (sql().insert(RoleRow.of(role)) == 0) {
      throw new Conflict("a role named '" + role.name() + "' or with its id exists already");
    }
    if (!role.permissions().isEmpty()) {
      sql().addAll(PERMISSIONS, tenant, role.id().value(), RoleRow.permissionNames(role));
    }
    if (!role.includes().isEmpty()) {
      sql().addAll(INCLUDES, tenant, role.id().value(), RoleRow.includedIds(role));
    }
  }

  @Override
  public void update(Role role) {
    UUID tenant = requireOwnTenant(role.tenantId());
    if (sql().update(RoleRow.of(role)) == 0) {
      throw new NotFound("no role " + role.id());
    }
    replace(PERMISSIONS, tenant, role.id().value(), RoleRow.permissionNames(role));
    replace(INCLUDES, tenant, role.id().value(), RoleRow.includedIds(role));
  }

  /** Makes the role's {@code children} exactly {@code values}. */
  private void replace(RoleChildren children, UUID tenant, UUID roleId, Object[] values) {
    sql().removeAllExcept(children, tenant, roleId, values);
    if (values.length > 0) {
      sql().addAll(children, tenant, roleId, values);
    }
  }

  @Override
  public void lockInclusions() {
    sql().lockInclusions(tenant());
  }

  @Override
  public boolean delete(RoleId id) {
    return sql().delete(tenant(), id.value()) > 0;
  }

  /** False when nothing changed, including when the role is not in this tenant. */
  @Override
  public boolean grant(RoleId id, PermissionName permission) {
    return sql().addAll(PERMISSIONS, tenant(), id.value(), new String[] {permission.value()}) > 0;
  }

  @Override
  public boolean revoke(RoleId id, PermissionName permission) {
    return sql().revoke(tenant(), id.value(), permission.value()) > 0;
  }

  /** {@link NotFound} if the user is not a member or the role not in this tenant. */
  @Override
  public boolean assign(RoleAssignment assignment) {
    requireOwnTenant(assignment.tenantId());
    if (assignment.isScoped()) {
      return scoped().assign(ScopedAssignmentRow.of(assignment)) > 0;
    }
    return sql().assignAll(List.of(UserRoleRow.of(assignment))) > 0;
  }

  @Override
  public void assignAll(Collection<RoleAssignment> assignments) {
    // One statement cannot touch a row twice: the last assignment of a (user, role) wins.
    Map<List<UUID>, UserRoleRow> distinct = new LinkedHashMap<>();
    for (RoleAssignment assignment : assignments) {
      requireOwnTenant(assignment.tenantId());
      if (assignment.isScoped()) {
        throw new IllegalArgumentException("assignAll takes tenant-wide assignments only");
      }
      UserRoleRow row = UserRoleRow.of(assignment);
      distinct.put(List.of(row.userId(), row.roleId()), row);
    }
    List<UserRoleRow> rows = new ArrayList<>(distinct.values());
    for (int from = 0; from < rows.size(); from += PostgresUserRepository.BATCH) {
      sql()
          .assignAll(
              rows.subList(from, Math.min(rows.size(), from + PostgresUserRepository.BATCH)));
    }
  }

  @Override
  public boolean unassign(RoleId roleId, UserId userId) {
    return sql().unassign(tenant(), userId.value(), roleId.value()) > 0;
  }

  @Override
  public boolean unassign(RoleId roleId, UserId userId, OrganizationId organizationId) {
    return scoped().unassign(tenant(), userId.value(), roleId.value(), organizationId.value()) > 0;
  }

  @Override
  public List<RoleAssignment> scopedAssignmentsOf(UserId userId) {
    return scoped().of(tenant(), userId.value()).stream()
        .map(ScopedAssignmentRow::toAssignment)
        .toList();
  }

  @Override
  public List<Role> rolesOf(UserId userId, Instant now) {
    return sql().rolesOf(tenant(), userId.value(), now).stream().map(RoleRow::toRole).toList();
  }

  @Override
  public Map<UserId, List<Role>> rolesOfAll(Collection<UserId> userIds, Instant now) {
    if (userIds.isEmpty()) {
      return Map.of();
    }
    UUID[] ids = userIds.stream().map(UserId::value).distinct().toArray(UUID[]::new);
    Map<UserId, List<Role>> roles = new LinkedHashMap<>();
    for (HeldRoleRow row : sql().rolesOfAll(tenant(), ids, now)) {
      roles
          .computeIfAbsent(new UserId(row.holderId()), u -> new ArrayList<>())
          .add(row.role().toRole());
    }
    roles.replaceAll((user, list) -> List.copyOf(list));
    return roles;
  }

  @Override
  public List<UserId> holdersReaching(RoleId roleId, int atMost) {
    if (atMost <= 0) {
      return List.of();
    }
    return sql().holdersReaching(tenant(), roleId.value(), atMost).stream()
        .map(UserId::new)
        .toList();
  }

  /** Row-level security would reject it too; failing here names the bug. */
  private UUID requireOwnTenant(TenantId tenantId) {
    TenantId tenant = transactions.requireTenant();
    if (!tenantId.equals(tenant)) {
      throw new IllegalArgumentException(
          "a row of tenant " + tenantId + " in a transaction of " + tenant);
    }
    return tenant.value();
  }
}
