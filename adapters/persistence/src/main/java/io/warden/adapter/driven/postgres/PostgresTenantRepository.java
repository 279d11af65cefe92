package io.warden.adapter.driven.postgres;

import io.warden.application.port.driven.TenantRepository;
import io.warden.application.port.driving.Conflict;
import io.warden.domain.model.tenant.Tenant;
import io.warden.domain.model.tenant.TenantId;
import io.warden.domain.model.user.UserId;
import java.util.List;
import java.util.Optional;

/** Tenants in {@code tenants} (not tenant-owned: any transaction may read and write them). */
final class PostgresTenantRepository extends MapperBacked<TenantMapper>
    implements TenantRepository {
  PostgresTenantRepository(PostgresTransactions transactions) {
    super(transactions, TenantMapper.class);
  }

  @Override
  public void insert(Tenant tenant) {
    if (sql().insert(TenantRow.of(tenant)) == 0) {
      throw new Conflict("a tenant with slug '" + tenant.slug() + "' or its id exists already");
    }
  }

  @Override
  public boolean rename(TenantId id, String name) {
    return sql().rename(id.value(), name) > 0;
  }

  @Override
  public boolean setActive(TenantId id, boolean active) {
    return sql().setActive(id.value(), active) > 0;
  }

  @Override
  public Optional<Tenant> findById(TenantId id) {
    return Optional.ofNullable(sql().findById(id.value())).map(TenantRow::toTenant);
  }

  /** Reads memberships of every tenant, so it needs {@code acrossTenants}. */
  @Override
  public List<Tenant> activeTenantsOf(UserId userId) {
    transactions.requireAcrossTenants();
    return sql().activeTenantsOf(userId.value()).stream().map(TenantRow::toTenant).toList();
  }

  @Override
  public List<Tenant> findAll() {
    return sql().findAll().stream().map(TenantRow::toTenant).toList();
  }

  @Override
  public List<Tenant> page(Optional<String> prefix, Optional<TenantId> after, int limit) {
    return sql()
        .page(
            prefix.map(LikePrefix::of).orElse(null), after.map(TenantId::value).orElse(null), limit)
        .stream()
        .map(TenantRow::toTenant)
        .toList();
  }
}
