package io.warden.application.service;

import io.warden.application.port.driven.MembershipRepository;
import io.warden.application.port.driven.PasswordHasher;
import io.warden.application.port.driven.PermissionRepository;
import io.warden.application.port.driven.RoleRepository;
import io.warden.application.port.driven.SessionRepository;
import io.warden.application.port.driven.TenantRepository;
import io.warden.application.port.driven.Transactions;
import io.warden.application.port.driven.UserRepository;
import io.warden.application.port.driving.Caller;
import io.warden.application.port.driving.Conflict;
import io.warden.application.port.driving.MemberAdministrationUseCase.Member;
import io.warden.application.port.driving.NotFound;
import io.warden.application.port.driving.SystemAdministrationUseCase;
import io.warden.domain.event.RbacEvent;
import io.warden.domain.model.InvalidValueException;
import io.warden.domain.model.permission.BuiltInPermissions;
import io.warden.domain.model.permission.Permission;
import io.warden.domain.model.permission.PermissionName;
import io.warden.domain.model.role.Role;
import io.warden.domain.model.role.RoleAssignment;
import io.warden.domain.model.tenant.Tenant;
import io.warden.domain.model.tenant.TenantId;
import io.warden.domain.model.user.Email;
import io.warden.domain.model.user.Membership;
import io.warden.domain.model.user.User;
import io.warden.domain.model.user.UserId;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Tenants, users and permission definitions, for system administrators only.
 *
 * <p>A change to one tenant (create, update, first members) runs {@code inTenant} of that very
 * tenant: its tenant-owned rows (the {@code admin} role, memberships, assignments) must pass
 * row-level security for it, and the tenant row belongs to it, so the whole change commits as one.
 */
public final class SystemAdministrationService implements SystemAdministrationUseCase {
  private final ChangeTransactions changes;
  private final Transactions transactions;
  private final TenantRepository tenants;
  private final UserRepository users;
  private final MembershipRepository memberships;
  private final RoleRepository roles;
  private final PermissionRepository permissions;
  private final SessionRepository sessions;
  private final PasswordHasher passwordHasher;
  private final Clock clock;

  SystemAdministrationService(
      ChangeTransactions changes,
      TenantRepository tenants,
      UserRepository users,
      MembershipRepository memberships,
      RoleRepository roles,
      PermissionRepository permissions,
      SessionRepository sessions,
      PasswordHasher passwordHasher,
      Clock clock) {
    this.changes = changes;
    this.transactions = changes.transactions();
    this.tenants = tenants;
    this.users = users;
    this.memberships = memberships;
    this.roles = roles;
    this.permissions = permissions;
    this.sessions = sessions;
    this.passwordHasher = passwordHasher;
    this.clock = clock;
  }

  @Override
  public Tenant createTenant(Caller caller, String slug, String name) {
    AccessGuard.requireSystemAdmin(caller);
    NewTenant created = NewTenant.create(slug, name);
    Tenant tenant = created.tenant();
    return changes.inTenant(
        tenant.id(),
        c -> {
          created.insert(tenants, roles);
          c.record(new RbacEvent.TenantCreated(tenant.id()));
          c.audit(
              Audit.by(caller, "tenant.create")
                  .target("tenantId", tenant.id())
                  .detail("slug", tenant.slug())
                  .detail("name", tenant.name()));
          return tenant;
        });
  }

  @Override
  public Member addTenantMember(
      Caller caller, TenantId tenantId, UserId userId, List<String> roleNames) {
    AccessGuard.requireSystemAdmin(caller);
    InvalidValueException.requirePresent(tenantId, "tenantId");
    InvalidValueException.requirePresent(userId, "userId");
    List<String> names = roleNames == null ? List.of() : roleNames;
    InvalidValueException.require(
        names.stream().allMatch(Objects::nonNull), "roles", "must not hold null names");
    return changes.inTenant(
        tenantId,
        c -> {
          NotFound.require(tenants.findById(tenantId), "tenant not found");
          User user = users.findById(userId).orElseThrow(() -> new NotFound("user not found"));
          List<Role> granted = new ArrayList<>();
          for (String roleName : new LinkedHashSet<>(names)) {
            granted.add(
                roles
                    .findByName(roleName)
                    .orElseThrow(
                        () -> new InvalidValueException("roles", "unknown role: " + roleName)));
          }
          if (memberships.find(userId).isPresent()) {
            throw new Conflict("the user is a member already");
          }
          memberships.insert(new Membership(tenantId, userId, true));
          for (Role role : granted) {
            roles.assign(new RoleAssignment(tenantId, userId, role.id(), Optional.empty()));
          }
          c.record(new RbacEvent.MemberAdded(tenantId, userId));
          c.audit(
              Audit.by(caller, "member.add")
                  .target("userId", userId)
                  .detail("roles", granted.stream().map(Role::name).toList()));
          return new Member(user, true, List.copyOf(granted));
        });
  }

  @Override
  public Tenant updateTenant(
      Caller caller, TenantId tenantId, Optional<String> name, Optional<Boolean> active) {
    AccessGuard.requireSystemAdmin(caller);
    InvalidValueException.requirePresent(tenantId, "tenantId");
    Optional<String> newName = name == null ? Optional.empty() : name;
    Optional<Boolean> newActive = active == null ? Optional.empty() : active;
    return changes.inTenant(
        tenantId,
        c -> {
          NotFound.require(tenants.findById(tenantId), "tenant not found");
          // Each field is its own targeted statement, never the row read above written back: a
          // concurrent rename must not re-activate a tenant deactivated meanwhile, or vice versa.
          boolean changed = false;
          if (newName.isPresent()) {
            Tenant.validateName(newName.get());
            changed |= tenants.rename(tenantId, newName.get());
          }
          if (newActive.isPresent()) {
            changed |= tenants.setActive(tenantId, newActive.get());
          }
          // Whole-tenant scope: a deactivated tenant's tokens and answers die everywhere at once.
          c.recordAndAudit(
              changed,
              new RbacEvent.TenantChanged(tenantId),
              Audit.by(caller, "tenant.update")
                  .target("tenantId", tenantId)
                  .detail("name", newName)
                  .detail("active", newActive));
          return tenants.findById(tenantId).orElseThrow(() -> new NotFound("tenant not found"));
        });
  }

  @Override
  public User createUser(Caller caller, CreateUser command) {
    AccessGuard.requireSystemAdmin(caller);
    InvalidValueException.requirePresent(command, "body");
    Email email = new Email(command.email());
    User.validateDisplayName(command.displayName());
    User.validatePassword(command.password());
    // Hash before the transaction: a deliberately slow hash must not hold a connection.
    String hash = passwordHasher.hash(command.password());
    User user =
        User.create(email, command.displayName(), hash, command.systemAdmin(), clock.instant());
    return changes.acrossTenants(c -> NewUser.insert(users, c, Optional.of(caller), user));
  }

  @Override
  public User updateUser(Caller caller, UserId userId, UpdateUser command) {
    AccessGuard.requireSystemAdmin(caller);
    InvalidValueException.requirePresent(userId, "userId");
    InvalidValueException.requirePresent(command, "body");
    Optional<String> displayName = orEmpty(command.displayName());
    Optional<Boolean> active = orEmpty(command.active());
    Optional<String> password = orEmpty(command.password());
    displayName.ifPresent(User::validateDisplayName);
    password.ifPresent(User::validatePassword);
    Optional<String> newHash = password.map(passwordHasher::hash);
    Instant now = clock.instant();
    return changes.acrossTenants(
        c -> {
          NotFound.require(users.findById(userId), "user not found");
          // Each field is its own targeted statement, never the row read above written back: a
          // concurrent logout-all or profile edit can neither restore an old password hash nor
          // re-activate the user, nor move tokensValidAfter back.
          boolean changed = false;
          if (displayName.isPresent()) {
            changed |= users.rename(userId, displayName.get());
          }
          boolean activeChanged = active.isPresent() && users.setActive(userId, active.get(), now);
          boolean deactivated = activeChanged && !active.get();
          changed |= activeChanged;
          if (newHash.isPresent()) {
            changed |= users.changePassword(userId, newHash.get(), now);
          }
          if (deactivated || newHash.isPresent()) {
            // Every token of the user stops at once: sessions (and so refresh families) end, and
            // tokensValidAfter (moved by the same statements) voids every access token before.
            sessions.revokeAllSessions(userId, now);
          }
          // Whether the password changed, never what it is.
          c.recordAndAudit(
              changed,
              new RbacEvent.UserChanged(userId),
              Audit.by(caller, "user.update")
                  .target("userId", userId)
                  .detail("displayName", displayName)
                  .detail("active", active)
                  .detail("passwordChanged", newHash.isPresent()));
          return users.findById(userId).orElseThrow(() -> new NotFound("user not found"));
        });
  }

  private static <T> Optional<T> orEmpty(Optional<T> value) {
    return value == null ? Optional.empty() : value;
  }

  @Override
  public List<Permission> permissions(Caller caller) {
    AccessGuard.requireSystemAdmin(caller);
    return transactions.acrossTenants(permissions::findAll);
  }

  @Override
  public Permission createPermission(Caller caller, String name, String description) {
    AccessGuard.requireSystemAdmin(caller);
    Permission permission = new Permission(parseName(name), description);
    return changes.acrossTenants(
        c -> {
          permissions.insert(permission);
          c.record(new RbacEvent.PermissionCreated(permission.name()));
          c.audit(
              Audit.by(caller, "permission.create")
                  .target("permission", permission.name().value())
                  .detail("description", permission.description()));
          return permission;
        });
  }

  @Override
  public void deletePermission(Caller caller, String name) {
    AccessGuard.requireSystemAdmin(caller);
    PermissionName permission = parseName(name);
    if (BuiltInPermissions.isBuiltIn(permission)) {
      throw new Conflict("a built-in permission cannot be deleted");
    }
    changes.runAcrossTenants(
        c -> {
          if (!permissions.delete(permission)) {
            throw new NotFound("permission not found");
          }
          c.record(new RbacEvent.PermissionDeleted(permission));
          c.audit(Audit.by(caller, "permission.delete").target("permission", permission.value()));
        });
  }

  private static PermissionName parseName(String name) {
    InvalidValueException.requirePresent(name, "name");
    InvalidValueException.require(
        PermissionName.isWellFormed(name),
        "name",
        "must match ^[a-z][a-z0-9_]*([.:][a-z0-9_*]+)*$ and be at most "
            + PermissionName.MAX_LENGTH
            + " characters");
    return new PermissionName(name);
  }
}
