package io.warden.adapter.driven.postgres;

import io.warden.application.port.driven.EffectivePermissions;
import io.warden.application.port.driven.PermissionSnapshot;
import io.warden.domain.model.permission.PermissionSet;
import io.warden.domain.model.tenant.TenantId;
import io.warden.domain.model.user.UserId;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The database tier of the permission answer: one statement for one user or many. Inside an open
 * transaction of the same tenant it takes part in it; otherwise it opens a read-only one of its own
 * (the row-level-security scope is one more statement, the query stays one).
 */
final class PostgresEffectivePermissions implements EffectivePermissions {
  private final PostgresTransactions transactions;
  private final Clock clock;

  PostgresEffectivePermissions(PostgresTransactions transactions, Clock clock) {
    this.transactions = transactions;
    this.clock = clock;
  }

  @Override
  public PermissionSnapshot of(TenantId tenantId, UserId userId) {
    // The statement returns one row for every requested user, known or not.
    return Objects.requireNonNull(
        ofAll(tenantId, List.of(userId)).get(userId), "no row for the user");
  }

  @Override
  public Map<UserId, PermissionSnapshot> ofAll(TenantId tenantId, Collection<UserId> userIds) {
    if (userIds.isEmpty()) {
      return Map.of();
    }
    UUID[] ids = userIds.stream().map(UserId::value).distinct().toArray(UUID[]::new);
    return transactions.readInTenantOrJoin(tenantId, "permissions in", () -> query(tenantId, ids));
  }

  private Map<UserId, PermissionSnapshot> query(TenantId tenantId, UUID[] ids) {
    Map<UserId, PermissionSnapshot> snapshots = new LinkedHashMap<>();
    // The instant the statement judges expiries at is also when the sets were read (explain), to
    // the millisecond: the precision the shared tier keeps, so every tier shows the same instant.
    Instant now = clock.instant();
    Instant computedAt = now.truncatedTo(ChronoUnit.MILLIS);
    for (PermissionSnapshotRow row :
        transactions.mapper(EffectivePermissionsMapper.class).of(tenantId.value(), ids, now)) {
      snapshots.put(
          new UserId(row.userId()),
          row.cacheable()
              ? PermissionSnapshot.read(
                  PermissionSet.of(Arrays.asList(row.permissions())),
                  row.organizationGrants(),
                  row.version(),
                  Optional.ofNullable(row.validUntil()),
                  computedAt)
              : PermissionSnapshot.stranger(row.version(), computedAt));
    }
    return snapshots;
  }
}
