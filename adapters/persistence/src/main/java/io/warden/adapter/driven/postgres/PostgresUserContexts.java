package io.warden.adapter.driven.postgres;

import io.warden.application.port.driven.UserContexts;
import io.warden.domain.model.role.Role;
import io.warden.domain.model.tenant.TenantId;
import io.warden.domain.model.user.UserId;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The database tier of {@code GET /api/me}'s user context: two statements at one instant, the user
 * with the tenant and the roles effective then. Like {@link PostgresEffectivePermissions} it takes
 * part in an open transaction of the same tenant or opens a read-only one of its own.
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
    if (!transactions.active()) {
      return transactions.readInTenant(tenantId, () -> read(tenantId, userId));
    }
    Optional<TenantId> scope = transactions.scope();
    if (scope.isPresent() && !scope.get().equals(tenantId)) {
      throw new IllegalStateException(
          "the context in tenant " + tenantId + " asked inside a transaction of " + scope.get());
    }
    return read(tenantId, userId);
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
            Optional.ofNullable(row.validUntil())));
  }
}
