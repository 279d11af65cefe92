package io.warden.adapter.driven.infinispan.contract;

import io.warden.application.port.driven.EffectivePermissions;
import io.warden.application.port.driven.PermissionSnapshot;
import io.warden.domain.model.permission.PermissionSet;
import io.warden.domain.model.role.RoleId;
import io.warden.domain.model.tenant.TenantId;
import io.warden.domain.model.user.UserId;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The bottom tier for tests: RBAC data held in memory, answering {@link EffectivePermissions} the
 * way the database does (active membership, roles of the tenant, assignments effective at the
 * clock's now). Every change returns its data version, as the change journal does.
 */
public final class InMemoryRbac implements EffectivePermissions {
  private record Member(TenantId tenantId, UserId userId) {}

  private record StoredRole(TenantId tenantId, PermissionSet permissions) {}

  private final Clock clock;
  private final Map<Member, Boolean> memberships = new HashMap<>();
  private final Map<RoleId, StoredRole> roles = new HashMap<>();
  private final Map<Member, Map<RoleId, Optional<Instant>>> assignments = new HashMap<>();
  private long version;

  public InMemoryRbac(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  public synchronized long addMember(TenantId tenantId, UserId userId, boolean active) {
    memberships.put(new Member(tenantId, userId), active);
    return ++version;
  }

  /** Removes the membership and its assignments, as the database does. */
  public synchronized long removeMember(TenantId tenantId, UserId userId) {
    Member member = new Member(tenantId, userId);
    memberships.remove(member);
    assignments.remove(member);
    return ++version;
  }

  public synchronized RoleId newRole(TenantId tenantId, Set<String> permissions) {
    RoleId roleId = RoleId.random();
    roles.put(roleId, new StoredRole(tenantId, PermissionSet.of(permissions)));
    ++version;
    return roleId;
  }

  public synchronized long setRolePermissions(
      TenantId tenantId, RoleId roleId, Set<String> permissions) {
    roles.put(
        roleId, new StoredRole(roleOf(tenantId, roleId).tenantId(), PermissionSet.of(permissions)));
    return ++version;
  }

  /** Deletes the role and its assignments. */
  public synchronized long deleteRole(TenantId tenantId, RoleId roleId) {
    roleOf(tenantId, roleId);
    roles.remove(roleId);
    assignments.values().forEach(held -> held.remove(roleId));
    return ++version;
  }

  /** Creates or replaces (new expiry) the assignment. */
  public synchronized long assign(
      TenantId tenantId, UserId userId, RoleId roleId, Optional<Instant> expiresAt) {
    roleOf(tenantId, roleId);
    Member member = new Member(tenantId, userId);
    if (!memberships.containsKey(member)) {
      throw new IllegalArgumentException("not a member: " + member);
    }
    assignments.computeIfAbsent(member, m -> new HashMap<>()).put(roleId, expiresAt);
    return ++version;
  }

  public synchronized long unassign(TenantId tenantId, UserId userId, RoleId roleId) {
    Map<RoleId, Optional<Instant>> held = assignments.get(new Member(tenantId, userId));
    if (held != null) {
      held.remove(roleId);
    }
    return ++version;
  }

  @Override
  public synchronized PermissionSnapshot of(TenantId tenantId, UserId userId) {
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(userId, "userId");
    Member member = new Member(tenantId, userId);
    Boolean active = memberships.get(member);
    if (active == null) {
      return PermissionSnapshot.stranger(version);
    }
    if (!active) {
      return new PermissionSnapshot(PermissionSet.empty(), version, Optional.empty());
    }
    Instant now = clock.instant();
    PermissionSet held = PermissionSet.empty();
    Optional<Instant> validUntil = Optional.empty();
    for (Map.Entry<RoleId, Optional<Instant>> assignment :
        assignments.getOrDefault(member, Map.of()).entrySet()) {
      Optional<Instant> expiresAt = assignment.getValue();
      if (expiresAt.isPresent() && !now.isBefore(expiresAt.get())) {
        continue;
      }
      held = held.union(roles.get(assignment.getKey()).permissions());
      if (expiresAt.isPresent()
          && (validUntil.isEmpty() || expiresAt.get().isBefore(validUntil.get()))) {
        validUntil = expiresAt;
      }
    }
    return new PermissionSnapshot(held, version, validUntil);
  }

  @Override
  public synchronized Map<UserId, PermissionSnapshot> ofAll(
      TenantId tenantId, Collection<UserId> userIds) {
    Map<UserId, PermissionSnapshot> answers = new LinkedHashMap<>();
    for (UserId userId : userIds) {
      answers.put(userId, of(tenantId, userId));
    }
    return answers;
  }

  private StoredRole roleOf(TenantId tenantId, RoleId roleId) {
    StoredRole role = roles.get(roleId);
    if (role == null || !role.tenantId().equals(tenantId)) {
      throw new IllegalArgumentException("no role " + roleId + " in tenant " + tenantId);
    }
    return role;
  }
}
