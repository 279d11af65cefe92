package io.warden.application.fake;

import io.warden.application.port.driven.ChangeJournal;
import io.warden.application.port.driven.EffectivePermissions;
import io.warden.application.port.driven.PermissionSnapshot;
import io.warden.application.port.driven.contract.Storage;
import io.warden.domain.event.RbacEvent;
import io.warden.domain.model.organization.Organization;
import io.warden.domain.model.organization.OrganizationId;
import io.warden.domain.model.permission.Permission;
import io.warden.domain.model.permission.PermissionName;
import io.warden.domain.model.role.Role;
import io.warden.domain.model.role.RoleAssignment;
import io.warden.domain.model.role.RoleId;
import io.warden.domain.model.tenant.Tenant;
import io.warden.domain.model.tenant.TenantId;
import io.warden.domain.model.user.Email;
import io.warden.domain.model.user.Membership;
import io.warden.domain.model.user.User;
import io.warden.domain.model.user.UserId;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * RBAC data for a cache tier's tests: the effective permissions of an {@link InMemoryStore} (as
 * {@link InMemoryEffectivePermissions} computes them at the clock's instant), changed through the
 * storage fakes the way a use case changes it — one transaction per change, journaled, returning
 * the change's data version. Tenants and users are made on first use, so a test may start from
 * random ids.
 */
public final class InMemoryRbac implements EffectivePermissions {
  private final InMemoryStore store = new InMemoryStore();
  private final Storage storage = InMemoryStorage.of(store);
  private final InMemoryEffectivePermissions permissions;

  public InMemoryRbac(Clock clock) {
    this.permissions = new InMemoryEffectivePermissions(store, Objects.requireNonNull(clock));
  }

  @Override
  public PermissionSnapshot of(TenantId tenantId, UserId userId) {
    return permissions.of(tenantId, userId);
  }

  @Override
  public Map<UserId, PermissionSnapshot> ofAll(TenantId tenantId, Collection<UserId> userIds) {
    return permissions.ofAll(tenantId, userIds);
  }

  /**
   * Makes {@code userId} a member (the tenant and user too, if new); a member stays as they are.
   */
  public long addMember(TenantId tenantId, UserId userId, boolean active) {
    existing(tenantId);
    across(
        () -> {
          if (storage.users().findById(userId).isEmpty()) {
            Email email = new Email(userId + "@example.com");
            storage
                .users()
                .insert(new User(userId, email, "Someone", "hash", true, false, Instant.EPOCH));
          }
          return null;
        });
    return change(
        tenantId,
        new RbacEvent.MemberAdded(tenantId, userId),
        () -> {
          if (storage.memberships().find(userId).isEmpty()) {
            storage.memberships().insert(new Membership(tenantId, userId, active));
          }
        });
  }

  /** Removes the membership and its assignments. */
  public long removeMember(TenantId tenantId, UserId userId) {
    return change(
        tenantId,
        new RbacEvent.MemberRemoved(tenantId, userId),
        () -> storage.memberships().delete(userId));
  }

  /** A new role granting {@code permissions} (defined on the way if new). */
  public RoleId newRole(TenantId tenantId, Set<String> permissions) {
    existing(tenantId);
    Role role = Role.create(tenantId, "role-" + RoleId.random(), "", defined(permissions));
    change(
        tenantId,
        new RbacEvent.RoleCreated(tenantId, role.id()),
        () -> storage.roles().insert(role));
    return role.id();
  }

  /** Replaces the role's whole permission set. */
  public long setRolePermissions(TenantId tenantId, RoleId roleId, Set<String> permissions) {
    Set<PermissionName> names = defined(permissions);
    return change(
        tenantId,
        new RbacEvent.RoleChanged(tenantId, roleId),
        () ->
            storage
                .roles()
                .update(storage.roles().findById(roleId).orElseThrow().withPermissions(names)));
  }

  /** Deletes the role and its assignments. */
  public long deleteRole(TenantId tenantId, RoleId roleId) {
    return change(
        tenantId,
        new RbacEvent.RoleDeleted(tenantId, roleId),
        () -> storage.roles().delete(roleId));
  }

  /** Creates or replaces (new expiry) the assignment. */
  public long assign(TenantId tenantId, UserId userId, RoleId roleId, Optional<Instant> expiresAt) {
    return change(
        tenantId,
        new RbacEvent.RoleAssigned(tenantId, userId, roleId),
        () -> storage.roles().assign(new RoleAssignment(tenantId, userId, roleId, expiresAt)));
  }

  /** A new root organization of the tenant. */
  public long newOrganization(TenantId tenantId, OrganizationId organization) {
    existing(tenantId);
    return change(
        tenantId,
        new RbacEvent.OrganizationTreeChanged(tenantId, organization),
        () ->
            storage
                .organizations()
                .insert(
                    new Organization(
                        organization, tenantId, "org-" + organization, Optional.empty())));
  }

  /** Creates or replaces (new expiry) the assignment made for {@code organization}. */
  public long assignIn(
      TenantId tenantId,
      UserId userId,
      RoleId roleId,
      OrganizationId organization,
      Optional<Instant> expiresAt) {
    return change(
        tenantId,
        new RbacEvent.RoleAssigned(tenantId, userId, roleId),
        () ->
            storage
                .roles()
                .assign(
                    new RoleAssignment(
                        tenantId, userId, roleId, expiresAt, Optional.of(organization))));
  }

  public long unassignIn(
      TenantId tenantId, UserId userId, RoleId roleId, OrganizationId organization) {
    return change(
        tenantId,
        new RbacEvent.RoleUnassigned(tenantId, userId, roleId),
        () -> storage.roles().unassign(roleId, userId, organization));
  }

  public long unassign(TenantId tenantId, UserId userId, RoleId roleId) {
    return change(
        tenantId,
        new RbacEvent.RoleUnassigned(tenantId, userId, roleId),
        () -> storage.roles().unassign(roleId, userId));
  }

  /**
   * Makes {@code userId} an active member holding a new role with {@code permissions}; returns the
   * role.
   */
  public RoleId grant(TenantId tenantId, UserId userId, String... permissions) {
    addMember(tenantId, userId, true);
    RoleId roleId = newRole(tenantId, Set.of(permissions));
    assign(tenantId, userId, roleId, Optional.empty());
    return roleId;
  }

  /** Swaps {@code old} for a new role granting {@code permissions}; returns the data version. */
  public long replaceRole(TenantId tenantId, UserId userId, RoleId old, String... permissions) {
    unassign(tenantId, userId, old);
    return assign(tenantId, userId, newRole(tenantId, Set.of(permissions)), Optional.empty());
  }

  /** The tenant, made on first use. */
  private void existing(TenantId tenantId) {
    across(
        () -> {
          if (storage.tenants().findById(tenantId).isEmpty()) {
            String slug = "t-" + tenantId.value();
            storage.tenants().insert(new Tenant(tenantId, slug, "Tenant " + slug, true));
          }
          return null;
        });
  }

  private Set<PermissionName> defined(Set<String> permissions) {
    Set<PermissionName> names = new TreeSet<>();
    for (String permission : permissions) {
      names.add(new PermissionName(permission));
    }
    across(
        () -> {
          storage
              .permissions()
              .insertMissing(names.stream().map(n -> new Permission(n, n.value())).toList());
          return null;
        });
    return names;
  }

  private long change(TenantId tenantId, RbacEvent event, Runnable change) {
    ChangeJournal journal = storage.changeJournal();
    return storage
        .transactions()
        .inTenant(
            tenantId,
            () -> {
              change.run();
              return journal.record(event);
            });
  }

  private <T> T across(Supplier<T> work) {
    return storage.transactions().acrossTenants(work);
  }
}
