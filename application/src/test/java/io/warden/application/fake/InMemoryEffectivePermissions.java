package io.warden.application.fake;

import io.warden.application.port.driven.EffectivePermissions;
import io.warden.application.port.driven.PermissionSnapshot;
import io.warden.domain.model.organization.OrganizationGrants;
import io.warden.domain.model.organization.OrganizationId;
import io.warden.domain.model.permission.PermissionName;
import io.warden.domain.model.permission.PermissionSet;
import io.warden.domain.model.role.RoleAssignment;
import io.warden.domain.model.role.RoleGraph;
import io.warden.domain.model.role.RoleId;
import io.warden.domain.model.tenant.Tenant;
import io.warden.domain.model.tenant.TenantId;
import io.warden.domain.model.user.Membership;
import io.warden.domain.model.user.User;
import io.warden.domain.model.user.UserId;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Effective permissions computed from the committed data of an {@link InMemoryStore} at the clock's
 * instant, as the PostgreSQL adapter answers them: a stranger to the tenant holds nothing and is
 * not cacheable; a deactivated user or tenant holds nothing; a system administrator holds every
 * defined permission; anyone else the union of the roles of their active membership whose
 * assignment has not expired, and of every role those include. No cache: every call reads the
 * current data.
 */
public final class InMemoryEffectivePermissions implements EffectivePermissions {
  private final InMemoryStore store;
  private final Clock clock;
  private final AtomicInteger singleLoads = new AtomicInteger();
  private final AtomicInteger batchLoads = new AtomicInteger();
  private final List<UserId> loadedUsers = new CopyOnWriteArrayList<>();

  public InMemoryEffectivePermissions(InMemoryStore store, Clock clock) {
    this.store = Objects.requireNonNull(store, "store");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public PermissionSnapshot of(TenantId tenantId, UserId userId) {
    singleLoads.incrementAndGet();
    loadedUsers.add(userId);
    return store.locked(() -> compute(store.committed(), tenantId, userId, clock.instant()));
  }

  @Override
  public Map<UserId, PermissionSnapshot> ofAll(TenantId tenantId, Collection<UserId> userIds) {
    batchLoads.incrementAndGet();
    loadedUsers.addAll(userIds);
    Instant now = clock.instant();
    return store.locked(
        () -> {
          Map<UserId, PermissionSnapshot> result = new LinkedHashMap<>();
          for (UserId userId : userIds) {
            result.put(userId, compute(store.committed(), tenantId, userId, now));
          }
          return result;
        });
  }

  /** How many times {@link #of} was called. */
  public int singleLoads() {
    return singleLoads.get();
  }

  /** How many times {@link #ofAll} was called. */
  public int batchLoads() {
    return batchLoads.get();
  }

  /** Every user whose permissions were asked for, by either method, in order. */
  public List<UserId> loadedUsers() {
    return List.copyOf(loadedUsers);
  }

  private PermissionSnapshot compute(
      InMemoryStore.Data data, TenantId tenantId, UserId userId, Instant now) {
    long version = store.version();
    User user = data.users.get(userId);
    Tenant tenant = data.tenants.get(tenantId);
    Membership membership = data.memberships.get(new InMemoryStore.MemberKey(tenantId, userId));
    if (user == null || (!user.systemAdmin() && membership == null)) {
      // A stranger to the tenant (or no one): nothing, and no tier may cache it.
      return PermissionSnapshot.stranger(version);
    }
    if (!user.active() || tenant == null || !tenant.active()) {
      // Fail closed, as the database does: a deactivated user or tenant grants nothing.
      return new PermissionSnapshot(PermissionSet.empty(), version, Optional.empty());
    }
    if (user.systemAdmin()) {
      return new PermissionSnapshot(
          PermissionSet.ofNames(data.permissions.keySet()), version, Optional.empty());
    }
    if (membership == null || !membership.active()) {
      return new PermissionSnapshot(PermissionSet.empty(), version, Optional.empty());
    }
    Set<PermissionName> names = new TreeSet<>();
    Instant validUntil = null;
    Map<OrganizationId, Set<PermissionName>> scoped = new TreeMap<>();
    for (RoleAssignment a : data.scopedAssignments.values()) {
      if (!heldAt(a, tenantId, userId, now)) {
        continue;
      }
      Set<PermissionName> granted = grantedBy(data, tenantId, a.roleId());
      if (granted.isEmpty()) {
        continue;
      }
      scoped
          .computeIfAbsent(a.organizationId().orElseThrow(), o -> new TreeSet<>())
          .addAll(granted);
      validUntil = earliest(validUntil, a);
    }
    Map<OrganizationId, PermissionSet> grants = new TreeMap<>();
    scoped.forEach(
        (organization, granted) -> grants.put(organization, PermissionSet.ofNames(granted)));
    for (RoleAssignment a : data.assignments.values()) {
      if (!heldAt(a, tenantId, userId, now) || !data.roles.containsKey(a.roleId())) {
        continue;
      }
      Set<PermissionName> granted = grantedBy(data, tenantId, a.roleId());
      if (granted.isEmpty()) {
        continue;
      }
      names.addAll(granted);
      validUntil = earliest(validUntil, a);
    }
    return new PermissionSnapshot(
        PermissionSet.ofNames(names),
        version,
        Optional.ofNullable(validUntil),
        true,
        Instant.EPOCH,
        PermissionSnapshot.DATABASE,
        OrganizationGrants.of(grants));
  }

  private static boolean heldAt(
      RoleAssignment assignment, TenantId tenantId, UserId userId, Instant now) {
    return assignment.tenantId().equals(tenantId)
        && assignment.userId().equals(userId)
        && assignment.isEffectiveAt(now);
  }

  /**
   * What {@code role} grants together with every role it reaches through its inclusions, as the
   * recursive query does.
   */
  private static Set<PermissionName> grantedBy(
      InMemoryStore.Data data, TenantId tenantId, RoleId role) {
    Set<PermissionName> granted = new TreeSet<>();
    for (RoleId reached : graphOf(data, tenantId).reachableFrom(role)) {
      granted.addAll(data.roles.get(reached).permissions());
    }
    return granted;
  }

  /** The earlier of {@code validUntil} (null: none yet) and the assignment's expiry. */
  private static Instant earliest(Instant validUntil, RoleAssignment assignment) {
    return assignment
        .expiresAt()
        .filter(expiry -> validUntil == null || expiry.isBefore(validUntil))
        .orElse(validUntil);
  }

  private static RoleGraph graphOf(InMemoryStore.Data data, TenantId tenantId) {
    return RoleGraph.of(
        data.roles.values().stream().filter(r -> r.tenantId().equals(tenantId)).toList());
  }
}
