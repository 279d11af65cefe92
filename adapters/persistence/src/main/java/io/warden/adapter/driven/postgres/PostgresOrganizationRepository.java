package io.warden.adapter.driven.postgres;

import io.warden.application.port.driven.OrganizationRepository;
import io.warden.domain.model.organization.Organization;
import io.warden.domain.model.organization.OrganizationId;
import io.warden.domain.model.tenant.TenantId;
import io.warden.domain.model.user.UserId;
import java.util.List;

/** Organizations of the transaction's tenant, in {@code organizations} and their members. */
final class PostgresOrganizationRepository extends MapperBacked<OrganizationMapper>
    implements OrganizationRepository {
  PostgresOrganizationRepository(PostgresTransactions transactions) {
    super(transactions, OrganizationMapper.class);
  }

  @Override
  public void lockTree() {
    sql().lockTree(transactions.requireTenant().value());
  }

  @Override
  public List<Organization> findAll() {
    return sql().findAll(transactions.requireTenant().value()).stream()
        .map(OrganizationRow::toOrganization)
        .toList();
  }

  @Override
  public boolean exists(OrganizationId id) {
    return sql().exists(transactions.requireTenant().value(), id.value());
  }

  @Override
  public void insert(Organization organization) {
    requireOwnTenant(organization);
    sql().insert(OrganizationRow.of(organization));
  }

  @Override
  public boolean update(Organization organization) {
    TenantId tenant = transactions.requireTenant();
    if (!organization.tenantId().equals(tenant)) {
      return false;
    }
    return sql().update(OrganizationRow.of(organization)) > 0;
  }

  @Override
  public boolean delete(OrganizationId id) {
    return sql().delete(transactions.requireTenant().value(), id.value()) > 0;
  }

  @Override
  public boolean addMember(OrganizationId id, UserId userId) {
    // An unknown organization or a non-member is a foreign-key violation: NotFound (SqlErrors).
    TenantId tenant = transactions.requireTenant();
    return sql().addMember(tenant.value(), id.value(), userId.value()) > 0;
  }

  @Override
  public boolean removeMember(OrganizationId id, UserId userId) {
    TenantId tenant = transactions.requireTenant();
    return sql().removeMember(tenant.value(), id.value(), userId.value()) > 0;
  }

  @Override
  public List<Organization> organizationsOf(UserId userId) {
    return sql().organizationsOf(transactions.requireTenant().value(), userId.value()).stream()
        .map(OrganizationRow::toOrganization)
        .toList();
  }

  /** Row-level security would reject it too; failing here names the bug. */
  private void requireOwnTenant(Organization organization) {
    TenantId tenant = transactions.requireTenant();
    if (!organization.tenantId().equals(tenant)) {
      throw new IllegalArgumentException(
          "organization of tenant " + organization.tenantId() + " in a transaction of " + tenant);
    }
  }
}
