package io.warden.application.port.driven;

import io.warden.domain.model.organization.OrganizationId;
import io.warden.domain.model.permission.PermissionName;
import io.warden.domain.model.role.Role;
import io.warden.domain.model.role.RoleAssignment;
import io.warden.domain.model.role.RoleId;
import io.warden.domain.model.user.UserId;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Roles, their permissions and their assignments, in the current transaction's tenant. */
public interface RoleRepository {

  /** Ordered by name. */
  List<Role> findAll();

  /**
   * Up to {@code limit} roles ordered by id (as text), after {@code after} when given. This default
   * sorts {@link #findAll}; the database answers with one statement on its primary key.
   */
  default List<Role> page(Optional<RoleId> after, int limit) {
    return findAll().stream()
        .filter(r -> after.isEmpty() || r.id().toString().compareTo(after.get().toString()) > 0)
        .sorted(Comparator.comparing(r -> r.id().toString()))
        .limit(limit)
        .toList();
  }

  Optional<Role> findById(RoleId id);

  Optional<Role> findByName(String name);

  /** {@link io.warden.application.port.driving.Conflict} on a duplicate name in the tenant. */
  void insert(Role role);

  /** Replaces name, description, the whole permission set and the whole set of inclusions. */
  void update(Role role);

  /**
   * Serializes changes to the inclusions of this tenant's roles until the transaction ends: taken
   * before reading the graph to refuse a cycle, so that two concurrent edits cannot each pass the
   * check and together close one.
   */
  void lockInclusions();

  /**
   * Deletes the role, its assignments and every inclusion of it by another role (those roles stop
   * granting what it granted); returns whether it existed.
   */
  boolean delete(RoleId id);

  /** Idempotent; returns whether anything changed. */
  boolean grant(RoleId id, PermissionName permission);

  /** Idempotent; returns whether anything changed. */
  boolean revoke(RoleId id, PermissionName permission);

  /**
   * Creates or replaces (new expiry) the assignment; returns whether anything changed. A scoped
   * assignment (one with an organization) is one more assignment beside the tenant-wide one of the
   * same role, and beside those of the same role in other organizations; its organization must be
   * one of the tenant's.
   */
  boolean assign(RoleAssignment assignment);

  /** Tenant-wide assignments only. */
  void assignAll(Collection<RoleAssignment> assignments);

  /** Ends the tenant-wide assignment; idempotent; returns whether anything changed. */
  boolean unassign(RoleId roleId, UserId userId);

  /** Ends the assignment scoped to {@code organizationId}; idempotent; whether anything changed. */
  boolean unassign(RoleId roleId, UserId userId, OrganizationId organizationId);

  /**
   * The user's organization-scoped assignments, expired ones included, by organization then role.
   */
  List<RoleAssignment> scopedAssignmentsOf(UserId userId);

  /** Roles held by the user through assignments effective at {@code now}, by name. */
  List<Role> rolesOf(UserId userId, Instant now);

  /** The same for many users in one query; users without roles are absent. */
  Map<UserId, List<Role>> rolesOfAll(Collection<UserId> userIds, Instant now);

  /**
   * At most {@code atMost} of the users whose permissions depend on the role: those assigned it
   * (tenant-wide or for an organization, expired or not) or assigned a role that includes it,
   * through any number of inclusions; each once, in no particular order.
   */
  List<UserId> holdersReaching(RoleId roleId, int atMost);
}
