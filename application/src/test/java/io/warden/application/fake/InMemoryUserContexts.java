package io.warden.application.fake;

import io.warden.application.port.driven.OrganizationRepository;
import io.warden.application.port.driven.Transactions;
import io.warden.application.port.driven.UserContexts;
import io.warden.domain.model.organization.OrganizationTree;
import io.warden.domain.model.organization.UserOrganizations;
import io.warden.domain.model.role.RoleAssignment;
import io.warden.domain.model.tenant.Tenant;
import io.warden.domain.model.tenant.TenantId;
import io.warden.domain.model.user.User;
import io.warden.domain.model.user.UserId;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * User contexts read from an {@link InMemoryStore} in one fake transaction at one instant of the
 * clock, as the database does: the user, the tenant, the roles effective then, and the earliest
 * expiry among the assignments still effective, and (given an organization repository) the user's
 * organizations.
 */
public final class InMemoryUserContexts implements UserContexts {
  private final InMemoryStore store;
  private final Transactions transactions;
  private final InMemoryRoleRepository roles;
  private final Clock clock;
  private final Optional<OrganizationRepository> organizations;

  public InMemoryUserContexts(InMemoryStore store, Transactions transactions, Clock clock) {
    this(store, transactions, clock, Optional.empty());
  }

  /** Contexts that also carry the user's organizations, read from {@code organizations}. */
  public InMemoryUserContexts(
      InMemoryStore store,
      Transactions transactions,
      Clock clock,
      Optional<OrganizationRepository> organizations) {
    this.store = Objects.requireNonNull(store, "store");
    this.transactions = Objects.requireNonNull(transactions, "transactions");
    this.roles = new InMemoryRoleRepository(store);
    this.clock = Objects.requireNonNull(clock, "clock");
    this.organizations = Objects.requireNonNull(organizations, "organizations");
  }

  @Override
  public Optional<UserContext> of(TenantId tenantId, UserId userId) {
    return transactions.readInTenant(
        tenantId,
        () -> {
          Instant now = clock.instant();
          InMemoryStore.Data data = store.read();
          User user = data.users.get(userId);
          Tenant tenant = data.tenants.get(tenantId);
          if (user == null || tenant == null) {
            return Optional.empty();
          }
          Optional<Instant> validUntil =
              data.assignments.values().stream()
                  .filter(a -> a.tenantId().equals(tenantId) && a.userId().equals(userId))
                  .filter(a -> a.isEffectiveAt(now))
                  .map(RoleAssignment::expiresAt)
                  .flatMap(Optional::stream)
                  .min(Instant::compareTo);
          UserOrganizations orgs =
              organizations
                  .map(
                      o ->
                          UserOrganizations.of(
                              OrganizationTree.of(o.findAll()), o.organizationsOf(userId)))
                  .orElse(UserOrganizations.NONE);
          return Optional.of(
              new UserContext(user, tenant, roles.rolesOf(userId, now), validUntil, orgs));
        });
  }

  @Override
  public OrganizationTree organizationTree(TenantId tenantId) {
    return organizations
        .map(o -> transactions.readInTenant(tenantId, () -> OrganizationTree.of(o.findAll())))
        .orElseGet(() -> OrganizationTree.of(List.of()));
  }
}
