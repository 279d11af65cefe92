package io.warden.application.service;

import io.warden.application.port.driven.EffectivePermissions;
import io.warden.application.port.driven.MembershipRepository;
import io.warden.application.port.driven.OrganizationRepository;
import io.warden.application.port.driven.RoleRepository;
import io.warden.application.port.driven.Transactions;
import io.warden.application.port.driven.UserRepository;
import io.warden.application.port.driving.Caller;
import io.warden.application.port.driving.Conflict;
import io.warden.application.port.driving.MemberAdministrationUseCase;
import io.warden.application.port.driving.NotFound;
import io.warden.domain.event.RbacEvent;
import io.warden.domain.model.InvalidValueException;
import io.warden.domain.model.organization.OrganizationId;
import io.warden.domain.model.permission.BuiltInPermissions;
import io.warden.domain.model.role.Role;
import io.warden.domain.model.role.RoleAssignment;
import io.warden.domain.model.role.RoleGraph;
import io.warden.domain.model.role.RoleId;
import io.warden.domain.model.tenant.TenantId;
import io.warden.domain.model.user.Membership;
import io.warden.domain.model.user.User;
import io.warden.domain.model.user.UserId;
import io.warden.domain.policy.EscalationPolicy;
import io.warden.domain.policy.EscalationPolicy.Grantor;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Members of the caller's tenant: listing, adding, removing, and assigning roles to them. Assigning
 * obeys the escalation rule ({@link EscalationPolicy#forAssigningRoles}): the caller must hold
 * everything the role grants, or {@code roles.bind}.
 */
public final class MemberAdministrationService implements MemberAdministrationUseCase {
  private final ChangeTransactions changes;
  private final Transactions transactions;
  private final MembershipRepository memberships;
  private final UserRepository users;
  private final RoleRepository roles;
  private final OrganizationRepository organizations;
  private final AccessGuard guard;
  private final Clock clock;
  private final EscalationPolicy binding = EscalationPolicy.forAssigningRoles();

  MemberAdministrationService(
      ChangeTransactions changes,
      MembershipRepository memberships,
      UserRepository users,
      RoleRepository roles,
      OrganizationRepository organizations,
      EffectivePermissions effectivePermissions,
      Clock clock) {
    this.changes = changes;
    this.transactions = changes.transactions();
    this.memberships = memberships;
    this.users = users;
    this.roles = roles;
    this.organizations = organizations;
    this.guard = new AccessGuard(effectivePermissions);
    this.clock = clock;
  }

  /** Three queries whatever the page size: the memberships, their users, their roles. */
  @Override
  public MemberPage list(Caller caller, int limit, Optional<String> cursor) {
    TenantId tenant = guard.requirePermission(caller, BuiltInPermissions.USERS_VIEW);
    InvalidValueException.require(
        limit >= 1 && limit <= MAX_PAGE_SIZE, "limit", "must be 1 to " + MAX_PAGE_SIZE);
    Optional<UserId> after =
        cursor == null ? Optional.empty() : cursor.map(MemberAdministrationService::decodeCursor);
    Instant now = clock.instant();
    return transactions.readInTenant(
        tenant,
        () -> {
          // One more than asked tells whether a next page exists without an empty last page.
          List<Membership> rows = memberships.page(after, limit + 1);
          boolean more = rows.size() > limit;
          List<Membership> page = more ? rows.subList(0, limit) : rows;
          List<UserId> ids = page.stream().map(Membership::userId).toList();
          Map<UserId, User> usersById =
              users.findAllById(ids).stream()
                  .collect(Collectors.toMap(User::id, Function.identity()));
          Map<UserId, List<Role>> rolesByUser = roles.rolesOfAll(ids, now);
          List<Member> items = new ArrayList<>(page.size());
          for (Membership membership : page) {
            User user = usersById.get(membership.userId());
            if (user != null) {
              items.add(
                  new Member(
                      user,
                      membership.active(),
                      rolesByUser.getOrDefault(membership.userId(), List.of())));
            }
          }
          Optional<String> next =
              more
                  ? Optional.of(encodeCursor(page.get(page.size() - 1).userId()))
                  : Optional.empty();
          return new MemberPage(List.copyOf(items), next);
        });
  }

  /** A cursor is opaque to clients; it holds the last user id of the previous page. */
  static String encodeCursor(UserId last) {
    return PageCursor.encode(last);
  }

  static UserId decodeCursor(String cursor) {
    return PageCursor.decode(cursor, UserId::parse);
  }

  @Override
  public Member add(Caller caller, UserId userId) {
    TenantId tenant = guard.requirePermission(caller, BuiltInPermissions.USERS_MANAGE);
    // Adding by id would tell a tenant administrator which ids are users; they invite by e-mail.
    AccessGuard.requireSystemAdmin(caller);
    InvalidValueException.requirePresent(userId, "userId");
    return changes.inTenant(
        tenant,
        c -> {
          User user = users.findById(userId).orElseThrow(() -> new NotFound("user not found"));
          if (memberships.find(user.id()).isPresent()) {
            throw new Conflict("the user is a member already");
          }
          memberships.insert(new Membership(tenant, user.id(), true));
          c.record(new RbacEvent.MemberAdded(tenant, user.id()));
          c.audit(Audit.by(caller, "member.add").target("userId", user.id()));
          return new Member(user, true, List.of());
        });
  }

  @Override
  public void remove(Caller caller, UserId userId) {
    TenantId tenant = guard.requirePermission(caller, BuiltInPermissions.USERS_MANAGE);
    InvalidValueException.requirePresent(userId, "userId");
    changes.runInTenant(
        tenant,
        c -> {
          if (!memberships.delete(userId)) {
            throw new NotFound("not a member of this tenant");
          }
          c.record(new RbacEvent.MemberRemoved(tenant, userId));
          c.audit(Audit.by(caller, "member.remove").target("userId", userId));
        });
  }

  @Override
  public void assign(
      Caller caller,
      RoleId roleId,
      UserId userId,
      Optional<Instant> expiresAt,
      Optional<OrganizationId> organizationId) {
    Grantor grantor = guard.requireGrantor(caller, BuiltInPermissions.ROLES_ASSIGN);
    TenantId tenant = caller.requireTenant();
    InvalidValueException.requirePresent(roleId, "roleId");
    InvalidValueException.requirePresent(userId, "userId");
    Optional<Instant> expiry = expiresAt == null ? Optional.empty() : expiresAt;
    Optional<OrganizationId> scope = organizationId == null ? Optional.empty() : organizationId;
    Instant now = clock.instant();
    InvalidValueException.require(
        expiry.map(now::isBefore).orElse(true), "expiresAt", "must be in the future");
    changes.runInTenant(
        tenant,
        c -> {
          RoleGraph graph = RoleGraph.of(roles.findAll());
          if (!graph.contains(roleId)) {
            throw new NotFound("role not found");
          }
          // What holding the role grants (its whole set, through every role it includes); checked
          // before the membership look-up, so a refused caller learns nothing about who is a
          // member. A scoped assignment asks the same: the caller must hold it tenant-wide.
          AccessGuard.requireMayGrant(binding, grantor, graph.grantsOf(roleId));
          requireOrganization(scope);
          NotFound.require(
              memberships.find(userId).filter(Membership::active),
              "the user is not a member of this tenant");
          boolean changed = roles.assign(new RoleAssignment(tenant, userId, roleId, expiry, scope));
          c.recordAndAudit(
              changed,
              new RbacEvent.RoleAssigned(tenant, userId, roleId),
              Audit.by(caller, "role.assign")
                  .target("roleId", roleId)
                  .target("userId", userId)
                  .detail("organizationId", scope)
                  .detail("expiresAt", expiry));
        });
  }

  @Override
  public void unassign(
      Caller caller, RoleId roleId, UserId userId, Optional<OrganizationId> organizationId) {
    TenantId tenant = guard.requirePermission(caller, BuiltInPermissions.ROLES_ASSIGN);
    InvalidValueException.requirePresent(roleId, "roleId");
    InvalidValueException.requirePresent(userId, "userId");
    Optional<OrganizationId> scope = organizationId == null ? Optional.empty() : organizationId;
    changes.runInTenant(
        tenant,
        c -> {
          NotFound.require(roles.findById(roleId), "role not found");
          requireOrganization(scope);
          boolean changed =
              scope.isPresent()
                  ? roles.unassign(roleId, userId, scope.get())
                  : roles.unassign(roleId, userId);
          c.recordAndAudit(
              changed,
              new RbacEvent.RoleUnassigned(tenant, userId, roleId),
              Audit.by(caller, "role.unassign")
                  .target("roleId", roleId)
                  .target("userId", userId)
                  .detail("organizationId", scope));
        });
  }

  /**
   * An organization named in a request body must be one of the tenant's: else a 400, as a parent.
   */
  private void requireOrganization(Optional<OrganizationId> organizationId) {
    if (organizationId.isPresent() && !organizations.exists(organizationId.get())) {
      throw new InvalidValueException("organizationId", "unknown organization");
    }
  }
}
