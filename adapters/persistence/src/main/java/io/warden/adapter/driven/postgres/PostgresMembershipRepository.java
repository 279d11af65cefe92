package io.warden.adapter.driven.postgres;

import io.warden.application.port.driven.MembershipRepository;
import io.warden.application.port.driving.Conflict;
import io.warden.domain.model.tenant.TenantId;
import io.warden.domain.model.user.Membership;
import io.warden.domain.model.user.UserId;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Memberships of the transaction's tenant, in {@code memberships}. */
final class PostgresMembershipRepository extends MapperBacked<MembershipMapper>
    implements MembershipRepository {
  PostgresMembershipRepository(PostgresTransactions transactions) {
    super(transactions, MembershipMapper.class);
  }

  @Override
  public Optional<Membership> find(UserId userId) {
    TenantId tenant = transactions.requireTenant();
    return Optional.ofNullable(sql().find(tenant.value(), userId.value()))
        .map(MembershipRow::toMembership);
  }

  @Override
  public void insert(Membership membership) {
    requireOwnTenant(membership);
    if (sql().insert(MembershipRow.of(membership)) == 0) {
      throw new Conflict("user " + membership.userId() + " is a member already");
    }
  }

  @Override
  public void insertAll(Collection<Membership> memberships) {
    memberships.forEach(this::requireOwnTenant);
    List<MembershipRow> rows = memberships.stream().map(MembershipRow::of).toList();
    for (int from = 0; from < rows.size(); from += PostgresUserRepository.BATCH) {
      sql()
          .insertAll(
              rows.subList(from, Math.min(rows.size(), from + PostgresUserRepository.BATCH)));
    }
  }

  @Override
  public boolean delete(UserId userId) {
    TenantId tenant = transactions.requireTenant();
    return sql().delete(tenant.value(), userId.value()) > 0;
  }

  @Override
  public List<Membership> page(Optional<UserId> after, int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be positive");
    }
    TenantId tenant = transactions.requireTenant();
    return sql().page(tenant.value(), after.map(UserId::value).orElse(null), limit).stream()
        .map(MembershipRow::toMembership)
        .toList();
  }

  /** One {@code COUNT} instead of the interface's walk through the pages. */
  @Override
  public long count() {
    TenantId tenant = transactions.requireTenant();
    return sql().count(tenant.value());
  }

  /** Row-level security would reject it too; failing here names the bug. */
  private void requireOwnTenant(Membership membership) {
    TenantId tenant = transactions.requireTenant();
    if (!membership.tenantId().equals(tenant)) {
      throw new IllegalArgumentException(
          "membership of tenant " + membership.tenantId() + " in a transaction of " + tenant);
    }
  }
}
