package io.warden.application.fake;

import io.warden.application.port.driven.EffectivePermissions;
import io.warden.application.port.driven.contract.EffectivePermissionsContract;
import io.warden.domain.event.RbacEvent;
import io.warden.domain.model.organization.OrganizationId;
import io.warden.domain.model.role.RoleId;
import io.warden.domain.model.tenant.TenantId;
import io.warden.domain.model.user.UserId;
import io.warden.testing.MutableClock;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * The {@link EffectivePermissionsContract} over {@link InMemoryRbac} data: as it is, or, in a
 * subclass, through a cache tier in front of it ({@link #permissions}) that each change invalidates
 * ({@link #published}) as the services do.
 */
public abstract class EffectivePermissionsOverInMemoryRbac extends EffectivePermissionsContract {
  protected final MutableClock clock = new MutableClock(Instant.parse("2026-01-05T09:00:00Z"));
  protected final InMemoryRbac rbac = new InMemoryRbac(clock);

  @Override
  protected EffectivePermissions permissions() {
    return rbac;
  }

  /** A change of {@code version} committed; a cache in front would be told now. */
  protected void published(RbacEvent event, long version) {}

  @Override
  protected TenantId newTenant() {
    return TenantId.random();
  }

  @Override
  protected UserId newUser() {
    return UserId.random();
  }

  @Override
  protected void addMember(TenantId tenant, UserId user, boolean active) {
    published(new RbacEvent.MemberAdded(tenant, user), rbac.addMember(tenant, user, active));
  }

  @Override
  protected void removeMember(TenantId tenant, UserId user) {
    published(new RbacEvent.MemberRemoved(tenant, user), rbac.removeMember(tenant, user));
  }

  @Override
  protected RoleId newRole(TenantId tenant, Set<String> permissions) {
    RoleId role = rbac.newRole(tenant, permissions);
    published(new RbacEvent.RoleCreated(tenant, role), 0);
    return role;
  }

  @Override
  protected void setRolePermissions(TenantId tenant, RoleId role, Set<String> permissions) {
    published(
        new RbacEvent.RoleChanged(tenant, role),
        rbac.setRolePermissions(tenant, role, permissions));
  }

  @Override
  protected void deleteRole(TenantId tenant, RoleId role) {
    published(new RbacEvent.RoleDeleted(tenant, role), rbac.deleteRole(tenant, role));
  }

  @Override
  protected void assign(TenantId tenant, UserId user, RoleId role, Optional<Instant> expiresAt) {
    published(
        new RbacEvent.RoleAssigned(tenant, user, role), rbac.assign(tenant, user, role, expiresAt));
  }

  @Override
  protected OrganizationId newOrganization(TenantId tenant) {
    OrganizationId organization = OrganizationId.random();
    published(
        new RbacEvent.OrganizationTreeChanged(tenant, organization),
        rbac.newOrganization(tenant, organization));
    return organization;
  }

  @Override
  protected void assignIn(
      TenantId tenant,
      UserId user,
      RoleId role,
      OrganizationId organization,
      Optional<Instant> expiresAt) {
    published(
        new RbacEvent.RoleAssigned(tenant, user, role),
        rbac.assignIn(tenant, user, role, organization, expiresAt));
  }

  @Override
  protected void unassignIn(
      TenantId tenant, UserId user, RoleId role, OrganizationId organization) {
    published(
        new RbacEvent.RoleUnassigned(tenant, user, role),
        rbac.unassignIn(tenant, user, role, organization));
  }

  @Override
  protected void unassign(TenantId tenant, UserId user, RoleId role) {
    published(new RbacEvent.RoleUnassigned(tenant, user, role), rbac.unassign(tenant, user, role));
  }

  @Override
  protected MutableClock clock() {
    return clock;
  }
}
