package io.warden.adapter.driven.postgres;

import io.warden.application.port.driven.InvitationRepository;
import io.warden.domain.model.tenant.TenantId;
import io.warden.domain.model.user.Email;
import io.warden.domain.model.user.Invitation;
import io.warden.domain.model.user.InvitationId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Invitations in {@code invitations} and {@code invitation_roles}: the tenant's side in its tenant
 * transaction, the addressee's across tenants, always selected by the address.
 */
final class PostgresInvitationRepository extends MapperBacked<InvitationMapper>
    implements InvitationRepository {
  PostgresInvitationRepository(PostgresTransactions transactions) {
    super(transactions, InvitationMapper.class);
  }

  @Override
  public void insert(Invitation invitation) {
    TenantId tenant = transactions.requireTenant();
    if (!invitation.tenantId().equals(tenant)) {
      throw new IllegalArgumentException(
          "invitation of tenant " + invitation.tenantId() + " in a transaction of " + tenant);
    }
    InvitationRow row = InvitationRow.of(invitation);
    sql().deleteTo(row.tenantId(), row.email());
    sql().insert(row);
    if (row.roleIds().length > 0) {
      sql().insertRoles(row);
    }
  }

  @Override
  public Optional<Invitation> find(InvitationId id) {
    TenantId tenant = transactions.requireTenant();
    return Optional.ofNullable(sql().find(tenant.value(), id.value()))
        .map(InvitationRow::toInvitation);
  }

  @Override
  public boolean delete(InvitationId id) {
    TenantId tenant = transactions.requireTenant();
    return sql().delete(tenant.value(), id.value()) > 0;
  }

  @Override
  public int deleteExpired(Instant now) {
    TenantId tenant = transactions.requireTenant();
    return sql().deleteExpired(tenant.value(), now);
  }

  @Override
  public List<Invitation> addressedTo(Email email, Instant now) {
    transactions.requireAcrossTenants();
    return sql().addressedTo(email.value(), now).stream().map(InvitationRow::toInvitation).toList();
  }

  @Override
  public Optional<Invitation> findAddressedTo(InvitationId id, Email email) {
    transactions.requireAcrossTenants();
    return Optional.ofNullable(sql().findAddressedTo(id.value(), email.value()))
        .map(InvitationRow::toInvitation);
  }

  @Override
  public boolean deleteAddressedTo(InvitationId id, Email email) {
    transactions.requireAcrossTenants();
    return sql().deleteAddressedTo(id.value(), email.value()) > 0;
  }
}
