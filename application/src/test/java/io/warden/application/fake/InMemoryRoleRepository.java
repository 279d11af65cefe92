package io.warden.application.fake;

import io.warden.application.port.driven.RoleRepository;
import io.warden.application.port.driving.Conflict;
import io.warden.application.port.driving.NotFound;
import io.warden.domain.model.organization.OrganizationId;
import io.warden.domain.model.permission.PermissionName;
import io.warden.domain.model.role.Role;
import io.warden.domain.model.role.RoleAssignment;
import io.warden.domain.model.role.RoleId;
import io.warden.domain.model.tenant.TenantId;
import io.warden.domain.model.user.Invitation;
import io.warden.domain.model.user.UserId;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** Roles and assignments in an {@link InMemoryStore}, seen only through the current tenant. */
public final class InMemoryRoleRepository implements RoleRepository {
  private static final Comparator<Role> BY_NAME = Comparator.comparing(Role::name);

  private final InMemoryStore store;

  public InMemoryRoleRepository(InMemoryStore store) {
    this.store = Objects.requireNonNull(store, "store");
  }

  @Override
  public List<Role> findAll() {
    TenantId tenant = store.tenant();
    return store.read().roles.values().stream()
        .filter(r -> r.tenantId().equals(tenant))
        .sorted(BY_NAME)
        .toList();
  }

  @Override
  public Optional<Role> findById(RoleId id) {
    TenantId tenant = store.tenant();
    return Optional.ofNullable(store.read().roles.get(id)).filter(r -> r.tenantId().equals(tenant));
  }

  @Override
  public Optional<Role> findByName(String name) {
    TenantId tenant = store.tenant();
    return store.read().roles.values().stream()
        .filter(r -> r.tenantId().equals(tenant) && r.name().equals(name))
        .findFirst();
  }

  @Override
  public void insert(Role role) {
    TenantId tenant = store.tenant();
    InMemoryStore.Data data = store.write();
    if (!role.tenantId().equals(tenant)) {
      throw new IllegalStateException("row-level security: a role of another tenant");
    }
    if (!data.tenants.containsKey(tenant)) {
      throw new NotFound("foreign key: no such tenant");
    }
    if (data.roles.containsKey(role.id())) {
      throw new Conflict("a role with this id exists");
    }
    requireUniqueName(data, role);
    requireDefined(data, role.permissions());
    requireRolesOf(data, tenant, role.includes());
    data.roles.put(role.id(), role);
  }

  @Override
  public void update(Role role) {
    TenantId tenant = store.tenant();
    InMemoryStore.Data data = store.write();
    Role current = data.roles.get(role.id());
    if (current == null || !current.tenantId().equals(tenant) || !role.tenantId().equals(tenant)) {
      throw new NotFound("no such role in this tenant: " + role.id());
    }
    requireUniqueName(data, role);
    requireDefined(data, role.permissions());
    requireRolesOf(data, tenant, role.includes());
    data.roles.put(role.id(), role);
  }

  /** Transactions of the in-memory store are serialised by its one lock already. */
  @Override
  public void lockInclusions() {
    store.tenant();
  }

  /** The foreign key of {@code role_includes}: a role includes only roles of its tenant. */
  private static void requireRolesOf(InMemoryStore.Data data, TenantId tenant, Set<RoleId> ids) {
    for (RoleId id : ids) {
      Role included = data.roles.get(id);
      if (included == null || !included.tenantId().equals(tenant)) {
        throw new NotFound("foreign key: no role " + id + " in this tenant");
      }
    }
  }

  @Override
  public boolean delete(RoleId id) {
    Optional<Role> role = findById(id);
    if (role.isEmpty()) {
      return false;
    }
    InMemoryStore.Data data = store.write();
    data.roles.remove(id);
    data.assignments.keySet().removeIf(k -> k.roleId().equals(id));
    data.scopedAssignments.keySet().removeIf(k -> k.roleId().equals(id));
    // ON DELETE CASCADE of role_includes: every role that included it stops including it.
    data.roles.replaceAll(
        (key, other) -> {
          if (!other.includes().contains(id)) {
            return other;
          }
          Set<RoleId> rest = new TreeSet<>(other.includes());
          rest.remove(id);
          return other.withIncludes(rest);
        });
    // ON DELETE CASCADE of invitation_roles: an invitation stops naming it.
    data.invitations.replaceAll(
        (key, invitation) -> {
          if (!invitation.roleIds().contains(id)) {
            return invitation;
          }
          Set<RoleId> rest = new TreeSet<>(invitation.roleIds());
          rest.remove(id);
          return new Invitation(
              invitation.id(),
              invitation.tenantId(),
              invitation.email(),
              invitation.invitedBy(),
              new TreeSet<>(rest),
              invitation.createdAt(),
              invitation.expiresAt());
        });
    return true;
  }

  @Override
  public boolean grant(RoleId id, PermissionName permission) {
    Optional<Role> role = findById(id);
    InMemoryStore.Data data = store.write();
    if (role.isEmpty() || role.get().permissions().contains(permission)) {
      return false;
    }
    requireDefined(data, Set.of(permission));
    Set<PermissionName> permissions = new TreeSet<>(role.get().permissions());
    permissions.add(permission);
    data.roles.put(id, role.get().withPermissions(permissions));
    return true;
  }

  @Override
  public boolean revoke(RoleId id, PermissionName permission) {
    Optional<Role> role = findById(id);
    InMemoryStore.Data data = store.write();
    if (role.isEmpty() || !role.get().permissions().contains(permission)) {
      return false;
    }
    Set<PermissionName> permissions = new TreeSet<>(role.get().permissions());
    permissions.remove(permission);
    data.roles.put(id, role.get().withPermissions(permissions));
    return true;
  }

  @Override
  public boolean assign(RoleAssignment assignment) {
    TenantId tenant = store.tenant();
    InMemoryStore.Data data = store.write();
    if (!assignment.tenantId().equals(tenant)) {
      throw new IllegalStateException("row-level security: an assignment of another tenant");
    }
    Role role = data.roles.get(assignment.roleId());
    if (role == null
        || !role.tenantId().equals(tenant)
        || !data.memberships.containsKey(
            new InMemoryStore.MemberKey(tenant, assignment.userId()))) {
      throw new NotFound("foreign key: no such role or membership");
    }
    if (assignment.organizationId().isPresent()) {
      OrganizationId org = assignment.organizationId().get();
      if (!Optional.ofNullable(data.organizations.get(org))
          .filter(o -> o.tenantId().equals(tenant))
          .isPresent()) {
        throw new NotFound("foreign key: no such organization");
      }
      RoleAssignment before =
          data.scopedAssignments.put(
              new InMemoryStore.ScopedAssignmentKey(
                  tenant, assignment.userId(), assignment.roleId(), org),
              assignment);
      return !assignment.equals(before);
    }
    InMemoryStore.AssignmentKey key =
        new InMemoryStore.AssignmentKey(tenant, assignment.userId(), assignment.roleId());
    RoleAssignment previous = data.assignments.put(key, assignment);
    return !assignment.equals(previous);
  }

  @Override
  public void assignAll(Collection<RoleAssignment> assignments) {
    for (RoleAssignment assignment : assignments) {
      if (assignment.isScoped()) {
        throw new IllegalArgumentException("assignAll takes tenant-wide assignments only");
      }
      assign(assignment);
    }
  }

  @Override
  public boolean unassign(RoleId roleId, UserId userId, OrganizationId organizationId) {
    TenantId tenant = store.tenant();
    return store
            .write()
            .scopedAssignments
            .remove(new InMemoryStore.ScopedAssignmentKey(tenant, userId, roleId, organizationId))
        != null;
  }

  @Override
  public List<RoleAssignment> scopedAssignmentsOf(UserId userId) {
    TenantId tenant = store.tenant();
    return store.read().scopedAssignments.values().stream()
        .filter(a -> a.tenantId().equals(tenant) && a.userId().equals(userId))
        .sorted(
            Comparator.comparing((RoleAssignment a) -> a.organizationId().orElseThrow().toString())
                .thenComparing(a -> a.roleId().toString()))
        .toList();
  }

  @Override
  public boolean unassign(RoleId roleId, UserId userId) {
    TenantId tenant = store.tenant();
    return store.write().assignments.remove(new InMemoryStore.AssignmentKey(tenant, userId, roleId))
        != null;
  }

  @Override
  public List<Role> rolesOf(UserId userId, Instant now) {
    return rolesOfAll(List.of(userId), now).getOrDefault(userId, List.of());
  }

  @Override
  public List<UserId> holdersReaching(RoleId roleId, int atMost) {
    TenantId tenant = store.tenant();
    InMemoryStore.Data data = store.read();
    Set<RoleId> reaching = new HashSet<>(Set.of(roleId));
    for (boolean grew = true; grew; ) {
      grew = false;
      for (Role role : data.roles.values()) {
        if (role.tenantId().equals(tenant)
            && !reaching.contains(role.id())
            && role.includes().stream().anyMatch(reaching::contains)) {
          grew |= reaching.add(role.id());
        }
      }
    }
    return java.util.stream.Stream.concat(
            data.assignments.values().stream(), data.scopedAssignments.values().stream())
        .filter(a -> a.tenantId().equals(tenant) && reaching.contains(a.roleId()))
        .map(RoleAssignment::userId)
        .distinct()
        .limit(Math.max(0, atMost))
        .toList();
  }

  @Override
  public Map<UserId, List<Role>> rolesOfAll(Collection<UserId> userIds, Instant now) {
    TenantId tenant = store.tenant();
    InMemoryStore.Data data = store.read();
    Set<UserId> wanted = new HashSet<>(userIds);
    Map<UserId, List<Role>> result = new HashMap<>();
    for (RoleAssignment a : data.assignments.values()) {
      if (a.tenantId().equals(tenant) && wanted.contains(a.userId()) && a.isEffectiveAt(now)) {
        Role role = data.roles.get(a.roleId());
        if (role != null) {
          result.computeIfAbsent(a.userId(), u -> new java.util.ArrayList<>()).add(role);
        }
      }
    }
    result.replaceAll((user, roles) -> roles.stream().sorted(BY_NAME).toList());
    return result;
  }

  private static void requireUniqueName(InMemoryStore.Data data, Role role) {
    boolean taken =
        data.roles.values().stream()
            .anyMatch(
                r ->
                    r.tenantId().equals(role.tenantId())
                        && r.name().equals(role.name())
                        && !r.id().equals(role.id()));
    if (taken) {
      throw new Conflict("a role with this name exists in the tenant");
    }
  }

  private static void requireDefined(InMemoryStore.Data data, Set<PermissionName> names) {
    for (PermissionName name : names) {
      if (!data.permissions.containsKey(name)) {
        throw new NotFound("foreign key: no such permission " + name);
      }
    }
  }
}
