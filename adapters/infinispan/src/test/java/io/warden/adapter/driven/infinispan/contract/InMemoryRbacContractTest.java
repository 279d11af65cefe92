package io.warden.adapter.driven.infinispan.contract;

import io.warden.application.port.driven.EffectivePermissions;
import io.warden.application.port.driven.contract.EffectivePermissionsContract;
import io.warden.domain.model.role.RoleId;
import io.warden.domain.model.tenant.TenantId;
import io.warden.domain.model.user.UserId;
import io.warden.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/** The in-memory tier answers as the contract says, so the cache tests stand on firm ground. */
class InMemoryRbacContractTest extends EffectivePermissionsContract {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-05T09:00:00Z"));
  private final InMemoryRbac rbac = new InMemoryRbac(clock);

  @Override
  protected EffectivePermissions permissions() {
    return rbac;
  }

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
    rbac.addMember(tenant, user, active);
  }

  @Override
  protected void removeMember(TenantId tenant, UserId user) {
    rbac.removeMember(tenant, user);
  }

  @Override
  protected RoleId newRole(TenantId tenant, Set<String> permissions) {
    return rbac.newRole(tenant, permissions);
  }

  @Override
  protected void setRolePermissions(TenantId tenant, RoleId role, Set<String> permissions) {
    rbac.setRolePermissions(tenant, role, permissions);
  }

  @Override
  protected void deleteRole(TenantId tenant, RoleId role) {
    rbac.deleteRole(tenant, role);
  }

  @Override
  protected void assign(TenantId tenant, UserId user, RoleId role, Optional<Instant> expiresAt) {
    rbac.assign(tenant, user, role, expiresAt);
  }

  @Override
  protected void unassign(TenantId tenant, UserId user, RoleId role) {
    rbac.unassign(tenant, user, role);
  }

  @Override
  protected Instant now() {
    return clock.instant();
  }

  @Override
  protected void advanceClock(Duration duration) {
    clock.advance(duration);
  }
}
