package io.warden.application.port.driving;

import io.warden.domain.model.permission.Permission;
import io.warden.domain.model.tenant.Tenant;
import io.warden.domain.model.tenant.TenantId;
import io.warden.domain.model.user.User;
import io.warden.domain.model.user.UserId;
import java.util.List;
import java.util.Optional;

/** Tenants, users and permission definitions; only for system administrators. */
public interface SystemAdministrationUseCase {

  /** A new tenant with its built-in {@code admin} role. */
  Tenant createTenant(Caller caller, String slug, String name);

  /** Adds a user to a tenant with the named roles: how a tenant gets its first administrator. */
  MemberAdministrationUseCase.Member addTenantMember(
      Caller caller, TenantId tenantId, UserId userId, List<String> roleNames);

  Tenant updateTenant(
      Caller caller, TenantId tenantId, Optional<String> name, Optional<Boolean> active);

  User createUser(Caller caller, CreateUser command);

  User updateUser(Caller caller, UserId userId, UpdateUser command);

  List<Permission> permissions(Caller caller);

  Permission createPermission(Caller caller, String name, String description);

  /** Removes the permission from every role of every tenant. */
  void deletePermission(Caller caller, String name);

  record CreateUser(String email, String password, String displayName, boolean systemAdmin) {}

  record UpdateUser(
      Optional<String> displayName, Optional<Boolean> active, Optional<String> password) {}
}
