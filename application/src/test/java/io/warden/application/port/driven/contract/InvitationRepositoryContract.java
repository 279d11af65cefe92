package io.warden.application.port.driven.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.warden.application.port.driven.InvitationRepository;
import io.warden.domain.model.role.Role;
import io.warden.domain.model.role.RoleId;
import io.warden.domain.model.tenant.TenantId;
import io.warden.domain.model.user.Email;
import io.warden.domain.model.user.Invitation;
import io.warden.domain.model.user.InvitationId;
import io.warden.domain.model.user.UserId;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What every {@link InvitationRepository} must do: a tenant sees and changes only its own
 * invitations, one pending invitation per tenant and address, and an addressee reaches every
 * tenant's invitations to their address and no one else's.
 */
public abstract class InvitationRepositoryContract extends StorageContract {
  private static final Duration WEEK = Duration.ofDays(7);

  private InvitationRepository invitations() {
    return storage().invitations();
  }

  private static Email address() {
    return new Email("invitee-" + unique() + "@example.com");
  }

  private Invitation invite(TenantId tenant, Email email, Set<RoleId> roles) {
    UserId inviter = newMember(tenant);
    Invitation invitation = Invitation.create(tenant, email, inviter, roles, NOW, WEEK);
    inTenantDo(tenant, () -> invitations().insert(invitation));
    return invitation;
  }

  @Test
  public void stores_an_invitation_with_its_roles_seen_by_its_tenant_only() {
    TenantId tenant = newTenant();
    Role role = newRole(tenant, "invited-role", 1);
    Invitation invitation = invite(tenant, address(), Set.of(role.id()));

    assertThat(inTenant(tenant, () -> invitations().find(invitation.id()))).contains(invitation);
    TenantId other = newTenant();
    assertThat(inTenant(other, () -> invitations().find(invitation.id()))).isEmpty();
    assertThat(inTenant(other, () -> invitations().delete(invitation.id()))).isFalse();
    assertThat(inTenant(tenant, () -> invitations().find(invitation.id()))).isPresent();
  }

  @Test
  public void a_new_invitation_to_the_same_address_replaces_the_pending_one() {
    TenantId tenant = newTenant();
    Email email = address();
    Invitation first = invite(tenant, email, Set.of());
    Invitation second = invite(tenant, email, Set.of());
    Invitation elsewhere = invite(newTenant(), email, Set.of());

    assertThat(inTenant(tenant, () -> invitations().find(first.id()))).isEmpty();
    assertThat(across(() -> invitations().addressedTo(email, NOW)))
        .containsExactlyInAnyOrder(second, elsewhere);
  }

  @Test
  public void an_addressee_reaches_their_invitations_of_every_tenant_and_no_one_elses() {
    Email email = address();
    Invitation fromA = invite(newTenant(), email, Set.of());
    Invitation fromB = invite(newTenant(), email, Set.of());
    Invitation toSomeoneElse = invite(newTenant(), address(), Set.of());

    assertThat(across(() -> invitations().addressedTo(email, NOW)))
        .containsExactlyInAnyOrder(fromA, fromB);
    assertThat(across(() -> invitations().findAddressedTo(fromA.id(), email))).contains(fromA);
    assertThat(across(() -> invitations().findAddressedTo(toSomeoneElse.id(), email))).isEmpty();
    assertThat(across(() -> invitations().deleteAddressedTo(toSomeoneElse.id(), email))).isFalse();
    assertThat(inTenant(toSomeoneElse.tenantId(), () -> invitations().find(toSomeoneElse.id())))
        .isPresent();

    assertThat(across(() -> invitations().deleteAddressedTo(fromA.id(), email))).isTrue();
    assertThat(across(() -> invitations().addressedTo(email, NOW))).containsExactly(fromB);
  }

  @Test
  public void expired_invitations_are_not_listed_and_are_deleted_per_tenant() {
    TenantId tenant = newTenant();
    Email email = address();
    Invitation invitation = invite(tenant, email, Set.of());
    Invitation otherTenants = invite(newTenant(), email, Set.of());

    assertThat(across(() -> invitations().addressedTo(email, NOW.plus(WEEK)))).isEmpty();
    // Still found (the caller decides what an expired one means) until it is deleted.
    assertThat(across(() -> invitations().findAddressedTo(invitation.id(), email))).isPresent();
    assertThat(inTenant(tenant, () -> invitations().deleteExpired(NOW))).isZero();
    assertThat(inTenant(tenant, () -> invitations().deleteExpired(NOW.plus(WEEK)))).isEqualTo(1);
    assertThat(inTenant(tenant, () -> invitations().find(invitation.id()))).isEmpty();
    assertThat(inTenant(otherTenants.tenantId(), () -> invitations().find(otherTenants.id())))
        .isPresent();
  }

  @Test
  public void deleting_a_role_removes_it_from_invitations() {
    TenantId tenant = newTenant();
    Role kept = newRole(tenant, "kept-role", 1);
    Role deleted = newRole(tenant, "deleted-role", 1);
    Invitation invitation = invite(tenant, address(), Set.of(kept.id(), deleted.id()));

    assertThat(inTenant(tenant, () -> storage().roles().delete(deleted.id()))).isTrue();

    assertThat(inTenant(tenant, () -> invitations().find(invitation.id())))
        .get()
        .extracting(Invitation::roleIds)
        .isEqualTo(Set.of(kept.id()));
  }

  @Test
  public void an_invitation_cannot_name_another_tenants_role() {
    TenantId tenant = newTenant();
    Role foreign = newRole(newTenant(), "foreign-role", 1);

    assertThatThrownBy(() -> invite(tenant, address(), Set.of(foreign.id())))
        .isInstanceOf(RuntimeException.class);
  }

  @Test
  public void each_side_needs_its_own_kind_of_transaction() {
    Email email = address();
    InvitationId id = InvitationId.random();

    assertThatThrownBy(() -> across(() -> invitations().find(id)))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> inTenant(newTenant(), () -> invitations().addressedTo(email, NOW)))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> invitations().addressedTo(email, NOW))
        .isInstanceOf(IllegalStateException.class);
  }
}
