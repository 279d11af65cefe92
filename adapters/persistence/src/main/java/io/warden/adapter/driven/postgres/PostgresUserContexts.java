package io.warden.adapter.driven.postgres;

import io.warden.application.port.driven.UserContexts;
import io.warden.domain.model.organization.Organization;
import io.warden.domain.model.organization.OrganizationTree;
import io.warden.domain.model.organization.UserOrganizations;
import io.warden.domain.model.role.Role;
import io.warden.domain.model.tenant.TenantId;
import io.warden.domain.model.user.UserId;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The database tier of {@code GET /api/me}'s user context: three statements at one instant, the
 * user with the tenant, the roles effective then, and the user's organizations. Like {@link
 * PostgresEffectivePermissions} it takes part in an open transaction of the same tenant or opens a
 * read-only one of its own ({@link PostgresTransactions#readInTenantOrJoin}).
 */
final class PostgresUserContexts implements UserContexts {
  private final PostgresTransactions transactions;
  private final Clock clock;

  PostgresUserContexts(PostgresTransactions transactions, Clock clock) {
    this.transactions = transactions;
    this.clock = clock;
  }

  @Override
  public Optional<UserContext> of(TenantId tenantId, UserId userId) {
    return transactions.readInTenantOrJoin(
        tenantId, "the context in", () -> read(tenantId, userId));
  }

  /** One statement: every organization of the tenant (at most 10,000 rows). */
  @Override
  public OrganizationTree organizationTree(TenantId tenantId) {
    return transactions.readInTenantOrJoin(
        tenantId,
        "the tree of",
        () ->
            OrganizationTree.of(
                transactions.mapper(OrganizationMapper.class).findAll(tenantId.value()).stream()
                    .map(OrganizationRow::toOrganization)
                    .toList()));
  }

  private Optional<UserContext> read(TenantId tenantId, UserId userId) {
    Instant now = clock.instant();
    UserContextRow row =
        transactions.mapper(UserContextMapper.class).of(tenantId.value(), userId.value(), now);
    if (row == null) {
      return Optional.empty();
    }
    List<Role> roles =
        transactions
            .mapper(RoleMapper.class)
            .rolesOf(tenantId.value(), userId.value(), now)
            .stream()
            .map(RoleRow::toRole)
            .toList();
    return Optional.of(
        new UserContext(
            row.user().toUser(),
            row.tenant().toTenant(),
            roles,
            Optional.ofNullable(row.validUntil()),
            organizationsOf(tenantId, userId)));
  }

  /**
   * One statement, and only for a user in some organization: the direct organizations, and with
   * them every organization of the tenant (at most 10,000 rows) from which the closure is computed
   * in memory. A user in none costs nothing but the look-up of the direct ones.
   */
  private UserOrganizations organizationsOf(TenantId tenantId, UserId userId) {
    List<OrganizationContextRow> rows =
        transactions
            .mapper(UserContextMapper.class)
            .organizationsOf(tenantId.value(), userId.value());
    if (rows.isEmpty()) {
      return UserOrganizations.NONE;
    }
    List<Organization> all = rows.stream().map(r -> r.organization().toOrganization()).toList();
    List<Organization> direct =
        rows.stream()
            .filter(OrganizationContextRow::direct)
            .map(r -> r.organization().toOrganization())
            .toList();
    return UserOrganizations.of(OrganizationTree.of(all), direct);
  }
}
