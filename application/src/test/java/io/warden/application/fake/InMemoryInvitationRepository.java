package io.warden.application.fake;

import io.warden.application.port.driven.InvitationRepository;
import io.warden.application.port.driving.NotFound;
import io.warden.domain.model.role.Role;
import io.warden.domain.model.role.RoleId;
import io.warden.domain.model.tenant.TenantId;
import io.warden.domain.model.user.Email;
import io.warden.domain.model.user.Invitation;
import io.warden.domain.model.user.InvitationId;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Invitations in an {@link InMemoryStore}: the tenant's side sees only the current {@code
 * inTenant}'s, the addressee's side needs {@code acrossTenants}, as row-level security and the
 * PostgreSQL adapter make it.
 */
public final class InMemoryInvitationRepository implements InvitationRepository {
  private final InMemoryStore store;

  public InMemoryInvitationRepository(InMemoryStore store) {
    this.store = Objects.requireNonNull(store, "store");
  }

  @Override
  public void insert(Invitation invitation) {
    TenantId tenant = store.tenant();
    InMemoryStore.Data data = store.write();
    if (!invitation.tenantId().equals(tenant)) {
      throw new IllegalStateException("row-level security: an invitation of another tenant");
    }
    if (!data.tenants.containsKey(tenant) || !data.users.containsKey(invitation.invitedBy())) {
      throw new NotFound("foreign key: no such tenant or inviter");
    }
    for (RoleId role : invitation.roleIds()) {
      Role stored = data.roles.get(role);
      if (stored == null || !stored.tenantId().equals(tenant)) {
        throw new NotFound("foreign key: no such role in the tenant");
      }
    }
    data.invitations
        .values()
        .removeIf(i -> i.tenantId().equals(tenant) && i.email().equals(invitation.email()));
    data.invitations.put(invitation.id(), invitation);
  }

  @Override
  public Optional<Invitation> find(InvitationId id) {
    TenantId tenant = store.tenant();
    return Optional.ofNullable(store.read().invitations.get(id))
        .filter(i -> i.tenantId().equals(tenant));
  }

  @Override
  public boolean delete(InvitationId id) {
    if (find(id).isEmpty()) {
      return false;
    }
    store.write().invitations.remove(id);
    return true;
  }

  @Override
  public int deleteExpired(Instant now) {
    TenantId tenant = store.tenant();
    InMemoryStore.Data data = store.write();
    int before = data.invitations.size();
    data.invitations.values().removeIf(i -> i.tenantId().equals(tenant) && !i.pendingAt(now));
    return before - data.invitations.size();
  }

  @Override
  public List<Invitation> addressedTo(Email email, Instant now) {
    requireAcrossTenants();
    return store.read().invitations.values().stream()
        .filter(i -> i.email().equals(email) && i.pendingAt(now))
        .sorted(Comparator.comparing(Invitation::createdAt).thenComparing(i -> i.id().toString()))
        .toList();
  }

  @Override
  public Optional<Invitation> findAddressedTo(InvitationId id, Email email) {
    requireAcrossTenants();
    return Optional.ofNullable(store.read().invitations.get(id))
        .filter(i -> i.email().equals(email));
  }

  @Override
  public boolean deleteAddressedTo(InvitationId id, Email email) {
    if (findAddressedTo(id, email).isEmpty()) {
      return false;
    }
    store.write().invitations.remove(id);
    return true;
  }

  private void requireAcrossTenants() {
    if (store.requireContext().tenant().isPresent()) {
      throw new IllegalStateException("an addressee's invitations are read across tenants");
    }
  }
}
