package io.warden.application.service;

import io.warden.application.port.driven.EffectivePermissions;
import io.warden.application.port.driven.RoleRepository;
import io.warden.application.port.driven.TenantRepository;
import io.warden.application.port.driven.Transactions;
import io.warden.application.port.driven.UserRepository;
import io.warden.application.port.driving.Caller;
import io.warden.application.port.driving.ListingUseCase;
import io.warden.domain.model.InvalidValueException;
import io.warden.domain.model.permission.BuiltInPermissions;
import io.warden.domain.model.role.Role;
import io.warden.domain.model.role.RoleId;
import io.warden.domain.model.tenant.Tenant;
import io.warden.domain.model.tenant.TenantId;
import io.warden.domain.model.user.User;
import io.warden.domain.model.user.UserId;
import java.util.Locale;
import java.util.Optional;

/**
 * Pages of tenants, users and roles: one statement per page (keyset on the id, one row more than
 * asked), the prefix search lower-cased here and served by an index in the database.
 */
public final class ListingService implements ListingUseCase {
  private final Transactions transactions;
  private final TenantRepository tenants;
  private final UserRepository users;
  private final RoleRepository roles;
  private final AccessGuard guard;

  ListingService(
      Transactions transactions,
      TenantRepository tenants,
      UserRepository users,
      RoleRepository roles,
      EffectivePermissions effectivePermissions) {
    this.transactions = transactions;
    this.tenants = tenants;
    this.users = users;
    this.roles = roles;
    this.guard = new AccessGuard(effectivePermissions);
  }

  @Override
  public Page<Tenant> tenants(Caller caller, PageRequest request) {
    AccessGuard.requireSystemAdmin(caller);
    Optional<TenantId> after = request.cursor().map(c -> PageCursor.decode(c, TenantId::parse));
    Optional<String> prefix = lowerCase(request.q());
    return PageCursor.page(
        transactions.acrossTenants(() -> tenants.page(prefix, after, request.limit() + 1)),
        request.limit(),
        Tenant::id);
  }

  @Override
  public Page<User> users(Caller caller, PageRequest request) {
    AccessGuard.requireSystemAdmin(caller);
    Optional<UserId> after = request.cursor().map(c -> PageCursor.decode(c, UserId::parse));
    Optional<String> prefix = lowerCase(request.q());
    return PageCursor.page(
        transactions.acrossTenants(() -> users.page(prefix, after, request.limit() + 1)),
        request.limit(),
        User::id);
  }

  @Override
  public Page<Role> roles(Caller caller, PageRequest request) {
    TenantId tenant = guard.requirePermission(caller, BuiltInPermissions.ROLES_VIEW);
    InvalidValueException.require(request.q().isEmpty(), "q", "roles have no search");
    Optional<RoleId> after = request.cursor().map(c -> PageCursor.decode(c, RoleId::parse));
    return PageCursor.page(
        transactions.readInTenant(tenant, () -> roles.page(after, request.limit() + 1)),
        request.limit(),
        Role::id);
  }

  private static Optional<String> lowerCase(Optional<String> q) {
    return q.map(text -> text.toLowerCase(Locale.ROOT));
  }
}
