package io.warden.application.service;

import io.warden.application.port.driven.EffectivePermissions;
import io.warden.application.port.driven.InvitationRepository;
import io.warden.application.port.driven.MembershipRepository;
import io.warden.application.port.driven.RoleRepository;
import io.warden.application.port.driven.TenantRepository;
import io.warden.application.port.driven.Transactions;
import io.warden.application.port.driven.UserRepository;
import io.warden.application.port.driving.Caller;
import io.warden.application.port.driving.Conflict;
import io.warden.application.port.driving.Forbidden;
import io.warden.application.port.driving.InvitationUseCase;
import io.warden.application.port.driving.NotFound;
import io.warden.domain.event.RbacEvent;
import io.warden.domain.model.InvalidValueException;
import io.warden.domain.model.permission.BuiltInPermissions;
import io.warden.domain.model.permission.PermissionName;
import io.warden.domain.model.role.RoleAssignment;
import io.warden.domain.model.role.RoleGraph;
import io.warden.domain.model.role.RoleId;
import io.warden.domain.model.tenant.Tenant;
import io.warden.domain.model.tenant.TenantId;
import io.warden.domain.model.user.Email;
import io.warden.domain.model.user.Invitation;
import io.warden.domain.model.user.InvitationId;
import io.warden.domain.model.user.Membership;
import io.warden.domain.model.user.User;
import io.warden.domain.model.user.UserId;
import io.warden.domain.policy.EscalationPolicy;
import io.warden.domain.policy.EscalationPolicy.Grantor;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Adding a member by e-mail without telling the inviter anything about the address: inviting stores
 * an invitation and reads nothing about users, so its answer and its database work are the same
 * whether or not the address has an account. The addressee accepts it under their own login, and
 * only then does anyone learn that the address had an account. The roles an invitation names are
 * checked against the inviter's escalation rule twice: when inviting, and again when accepting,
 * against what the inviter holds then.
 *
 * <p>Size: about 300 lines, kept as one: the four steps (invite, list, accept, dismiss) share the
 * escalation check and the rule that what is not the caller's does not exist.
 */
final class InvitationService implements InvitationUseCase {
  /** Roles one invitation may name; a tenant has few roles, a body with more is not ours. */
  static final int MAX_ROLES = 100;

  private static final String NO_SUCH_INVITATION = "invitation not found";

  private final ChangeTransactions changes;
  private final Transactions transactions;
  private final InvitationRepository invitations;
  private final MembershipRepository memberships;
  private final UserRepository users;
  private final TenantRepository tenants;
  private final RoleRepository roles;
  private final EffectivePermissions effectivePermissions;
  private final AccessGuard guard;
  private final Clock clock;
  private final Duration ttl;
  private final EscalationPolicy binding = EscalationPolicy.forAssigningRoles();

  InvitationService(
      ChangeTransactions changes,
      InvitationRepository invitations,
      MembershipRepository memberships,
      UserRepository users,
      TenantRepository tenants,
      RoleRepository roles,
      EffectivePermissions effectivePermissions,
      Clock clock,
      Duration ttl) {
    this.changes = changes;
    this.transactions = changes.transactions();
    this.invitations = invitations;
    this.memberships = memberships;
    this.users = users;
    this.tenants = tenants;
    this.roles = roles;
    this.effectivePermissions = effectivePermissions;
    this.guard = new AccessGuard(effectivePermissions);
    this.clock = clock;
    this.ttl = ttl;
  }

  @Override
  public InvitationId invite(Caller caller, Invite command) {
    Grantor grantor = guard.requireGrantor(caller, BuiltInPermissions.USERS_MANAGE);
    TenantId tenant = caller.requireTenant();
    InvalidValueException.requirePresent(command, "body");
    Email email = new Email(command.email());
    Set<RoleId> roleIds = command.roleIds();
    InvalidValueException.require(
        roleIds.size() <= MAX_ROLES, "roleIds", "must name at most " + MAX_ROLES + " roles");
    if (!roleIds.isEmpty() && !grantor.holds().allows(BuiltInPermissions.ROLES_ASSIGN)) {
      throw new Forbidden(
          "missing permission "
              + BuiltInPermissions.ROLES_ASSIGN.value()
              + " (an invitation that names roles assigns them)");
    }
    Instant now = clock.instant();
    // No user is read, whatever the address: the same statements run for an address with an
    // account, without one, and of a member, so neither the answer nor its timing tells them apart.
    return changes.inTenant(
        tenant,
        c -> {
          if (!roleIds.isEmpty()) {
            RoleGraph graph = RoleGraph.of(roles.findAll());
            for (RoleId role : roleIds) {
              InvalidValueException.require(
                  graph.contains(role), "roleIds", "unknown role: " + role);
            }
            AccessGuard.requireMayGrant(binding, grantor, grantsOf(graph, roleIds));
          }
          invitations.deleteExpired(now);
          Invitation invitation =
              Invitation.create(tenant, email, caller.userId(), roleIds, now, ttl);
          invitations.insert(invitation);
          // The address as the inviter typed it, which tells the tenant nothing new.
          c.audit(
              Audit.by(caller, "member.invite")
                  .target("invitationId", invitation.id())
                  .target("email", email.value())
                  .detail("roleIds", roleIds));
          return invitation.id();
        });
  }

  @Override
  public List<PendingInvitation> pending(Caller caller) {
    Instant now = clock.instant();
    return transactions.acrossTenants(
        () -> {
          Optional<User> me = users.findById(caller.userId());
          if (me.isEmpty()) {
            return List.of();
          }
          List<Invitation> found = invitations.addressedTo(me.get().email(), now);
          Map<UserId, User> inviters = new HashMap<>();
          for (User user :
              users.findAllById(found.stream().map(Invitation::invitedBy).distinct().toList())) {
            inviters.put(user.id(), user);
          }
          Map<TenantId, Optional<Tenant>> tenantsById = new HashMap<>();
          List<PendingInvitation> pending = new ArrayList<>(found.size());
          for (Invitation invitation : found) {
            Optional<Tenant> tenant =
                tenantsById.computeIfAbsent(invitation.tenantId(), tenants::findById);
            User inviter = inviters.get(invitation.invitedBy());
            // An inactive tenant's invitation cannot be used: it is not shown either.
            if (tenant.isPresent() && tenant.get().active() && inviter != null) {
              pending.add(
                  new PendingInvitation(
                      invitation.id(),
                      tenant.get(),
                      inviter,
                      invitation.createdAt(),
                      invitation.expiresAt()));
            }
          }
          return List.copyOf(pending);
        });
  }

  @Override
  public void accept(Caller caller, InvitationId id) {
    InvalidValueException.requirePresent(id, "invitationId");
    Instant now = clock.instant();
    Addressed addressed = transactions.acrossTenants(() -> addressedToCaller(caller, id, now));
    TenantId tenant = addressed.invitation().tenantId();
    // What the inviter holds now, read before the change's transaction as every grantor's is.
    User inviter = addressed.inviter();
    Grantor grantor =
        new Grantor(
            inviter.systemAdmin(), effectivePermissions.of(tenant, inviter.id()).permissions());
    if (!inviter.active() || !grantor.holds().allows(BuiltInPermissions.USERS_MANAGE)) {
      throw new Forbidden("the inviter may no longer add members to this tenant");
    }
    if (!addressed.invitation().roleIds().isEmpty()
        && !grantor.holds().allows(BuiltInPermissions.ROLES_ASSIGN)) {
      throw new Forbidden("the inviter may no longer assign roles in this tenant");
    }
    UserId me = addressed.addressee().id();
    Email email = addressed.addressee().email();
    changes.runInTenant(
        tenant,
        c -> {
          // Again, locked: it may have been used, declined or revoked since.
          Invitation invitation =
              invitations
                  .find(id)
                  .filter(i -> i.email().equals(email) && i.pendingAt(now))
                  .orElseThrow(() -> new NotFound(NO_SUCH_INVITATION));
          RoleGraph graph = RoleGraph.of(roles.findAll());
          // A role deleted since the invitation was made is simply not granted.
          SortedSet<RoleId> granted = new TreeSet<>();
          for (RoleId role : invitation.roleIds()) {
            if (graph.contains(role)) {
              granted.add(role);
            }
          }
          AccessGuard.requireMayGrant(binding, grantor, grantsOf(graph, granted));
          if (memberships.find(me).isPresent()) {
            throw new Conflict("you are a member of this tenant already");
          }
          invitations.delete(id);
          memberships.insert(new Membership(tenant, me, true));
          c.record(new RbacEvent.MemberAdded(tenant, me));
          for (RoleId role : granted) {
            if (roles.assign(new RoleAssignment(tenant, me, role, Optional.empty()))) {
              c.record(new RbacEvent.RoleAssigned(tenant, me, role));
            }
          }
          c.audit(
              Audit.by(caller, "invitation.accept")
                  .target("invitationId", id)
                  .target("userId", me)
                  .detail("roleIds", granted));
        });
  }

  @Override
  public void dismiss(Caller caller, InvitationId id) {
    InvalidValueException.requirePresent(id, "invitationId");
    // A dismissal that finds nothing changes nothing and writes no event.
    boolean declined =
        changes.acrossTenants(
            c -> {
              boolean deleted =
                  users
                      .findById(caller.userId())
                      .map(me -> invitations.deleteAddressedTo(id, me.email()))
                      .orElse(false);
              if (deleted) {
                c.audit(Audit.by(caller, "invitation.decline").target("invitationId", id));
              } else {
                c.notAudited();
              }
              return deleted;
            });
    if (declined) {
      return;
    }
    // Not the addressee: a users.manage holder may revoke one of their tenant's invitations. For
    // anyone else, and for another tenant's invitation, it does not exist.
    Optional<TenantId> tenant = caller.tenantId();
    if (tenant.isPresent()
        && guard.permissionsOf(caller, tenant.get()).allows(BuiltInPermissions.USERS_MANAGE)
        && changes.inTenant(
            tenant.get(),
            c -> {
              boolean deleted = invitations.delete(id);
              if (deleted) {
                c.audit(Audit.by(caller, "invitation.revoke").target("invitationId", id));
              } else {
                c.notAudited();
              }
              return deleted;
            })) {
      return;
    }
    throw new NotFound(NO_SUCH_INVITATION);
  }

  /** The invitation, its addressee (the caller) and its inviter; not found unless all hold. */
  private Addressed addressedToCaller(Caller caller, InvitationId id, Instant now) {
    User me = users.findById(caller.userId()).orElseThrow(() -> new NotFound(NO_SUCH_INVITATION));
    Invitation invitation =
        invitations
            .findAddressedTo(id, me.email())
            .filter(i -> i.pendingAt(now))
            .orElseThrow(() -> new NotFound(NO_SUCH_INVITATION));
    NotFound.require(
        tenants.findById(invitation.tenantId()).filter(Tenant::active), NO_SUCH_INVITATION);
    User inviter =
        users.findById(invitation.invitedBy()).orElseThrow(() -> new NotFound(NO_SUCH_INVITATION));
    return new Addressed(invitation, me, inviter);
  }

  private static Set<PermissionName> grantsOf(RoleGraph graph, Set<RoleId> roleIds) {
    Set<PermissionName> grants = new TreeSet<>();
    for (RoleId role : roleIds) {
      grants.addAll(graph.grantsOf(role));
    }
    return grants;
  }

  private record Addressed(Invitation invitation, User addressee, User inviter) {}
}
