package io.warden.application.service;

import io.warden.application.port.driven.RoleRepository;
import io.warden.application.port.driven.TenantRepository;
import io.warden.domain.model.permission.BuiltInPermissions;
import io.warden.domain.model.permission.Permission;
import io.warden.domain.model.permission.PermissionName;
import io.warden.domain.model.role.Role;
import io.warden.domain.model.tenant.Tenant;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A tenant as it is born: its row and its built-in system role {@code admin}, holding every
 * built-in permission. The one place a tenant is made, so no way of creating one (a system
 * administrator's request, demo seeding) can leave it without its administrator role.
 */
record NewTenant(Tenant tenant, Role admin) {
  /**
   * A new tenant and its {@code admin} role. Made before the transaction that inserts them, so a
   * retried transaction inserts the same rows with the same ids.
   */
  static NewTenant create(String slug, String name) {
    Tenant tenant = Tenant.create(slug, name);
    Set<PermissionName> all =
        BuiltInPermissions.ALL.stream().map(Permission::name).collect(Collectors.toSet());
    return new NewTenant(tenant, Role.systemRole(tenant.id(), BuiltInPermissions.ADMIN_ROLE, all));
  }

  /**
   * Inserts the tenant, then its {@code admin} role, in the running transaction, which must be one
   * of this tenant: the role is tenant-owned and passes row-level security only there.
   */
  void insert(TenantRepository tenants, RoleRepository roles) {
    tenants.insert(tenant);
    roles.insert(admin);
  }
}
