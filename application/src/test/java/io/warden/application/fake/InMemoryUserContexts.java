package io.warden.application.fake;

import io.warden.application.port.driven.RoleRepository;
import io.warden.application.port.driven.TenantRepository;
import io.warden.application.port.driven.Transactions;
import io.warden.application.port.driven.UserContexts;
import io.warden.application.port.driven.UserRepository;
import io.warden.domain.model.tenant.Tenant;
import io.warden.domain.model.tenant.TenantId;
import io.warden.domain.model.user.User;
import io.warden.domain.model.user.UserId;
import java.time.Clock;
import java.util.Optional;

/** User contexts read from the fake repositories in one fake transaction, as the database does. */
public final class InMemoryUserContexts implements UserContexts {
  private final Transactions transactions;
  private final UserRepository users;
  private final TenantRepository tenants;
  private final RoleRepository roles;
  private final Clock clock;

  public InMemoryUserContexts(
      Transactions transactions,
      UserRepository users,
      TenantRepository tenants,
      RoleRepository roles,
      Clock clock) {
    this.transactions = transactions;
    this.users = users;
    this.tenants = tenants;
    this.roles = roles;
    this.clock = clock;
  }

  @Override
  public Optional<UserContext> of(TenantId tenantId, UserId userId) {
    return transactions.readInTenant(
        tenantId,
        () -> {
          Optional<User> user = users.findById(userId);
          Optional<Tenant> tenant = tenants.findById(tenantId);
          if (user.isEmpty() || tenant.isEmpty()) {
            return Optional.empty();
          }
          return Optional.of(
              new UserContext(user.get(), tenant.get(), roles.rolesOf(userId, clock.instant())));
        });
  }
}
