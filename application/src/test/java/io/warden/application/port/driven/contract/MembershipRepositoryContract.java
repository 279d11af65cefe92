package io.warden.application.port.driven.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.warden.application.port.driven.MembershipRepository;
import io.warden.application.port.driving.Conflict;
import io.warden.domain.model.role.Role;
import io.warden.domain.model.tenant.TenantId;
import io.warden.domain.model.user.Membership;
import io.warden.domain.model.user.UserId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * What every {@link MembershipRepository} must do: it sees the memberships of the transaction's
 * tenant only, pages through them in one total order of user ids, and deleting a membership takes
 * its role assignments with it.
 */
public abstract class MembershipRepositoryContract extends StorageContract {

  private MembershipRepository memberships() {
    return storage().memberships();
  }

  @Test
  public void stores_and_finds_a_membership_of_the_transactions_tenant_only() {
    TenantId tenant = newTenant();
    UserId user = newUser();
    Membership membership = new Membership(tenant, user, true);

    inTenantDo(tenant, () -> memberships().insert(membership));

    assertThat(inTenant(tenant, () -> memberships().find(user))).contains(membership);
    assertThat(inTenant(tenant, () -> memberships().find(UserId.random()))).isEmpty();
    assertThat(inTenant(newTenant(), () -> memberships().find(user))).isEmpty();
  }

  @Test
  public void an_inactive_membership_is_stored_as_such() {
    TenantId tenant = newTenant();
    UserId user = newUser();

    addMember(tenant, user, false);

    assertThat(inTenant(tenant, () -> memberships().find(user)))
        .contains(new Membership(tenant, user, false));
  }

  @Test
  public void being_a_member_twice_is_a_conflict() {
    TenantId tenant = newTenant();
    UserId user = newMember(tenant);

    assertThatThrownBy(() -> addMember(tenant, user, true)).isInstanceOf(Conflict.class);
  }

  @Test
  public void a_duplicate_in_insert_all_stores_none() {
    TenantId tenant = newTenant();
    UserId existing = newMember(tenant);
    UserId fresh = newUser();

    assertThatThrownInTenant(
            tenant,
            () ->
                memberships()
                    .insertAll(
                        List.of(
                            new Membership(tenant, fresh, true),
                            new Membership(tenant, existing, true))))
        .isInstanceOf(Conflict.class);
    assertThat(inTenant(tenant, () -> memberships().find(fresh))).isEmpty();
  }

  @Test
  public void deleting_a_membership_deletes_its_role_assignments() {
    TenantId tenant = newTenant();
    UserId user = newMember(tenant);
    Role role = newRole(tenant, "member-removal", 1);
    assign(tenant, user, role, Optional.empty());

    assertThat(inTenant(tenant, () -> memberships().delete(user))).isTrue();

    assertThat(inTenant(tenant, () -> memberships().find(user))).isEmpty();
    assertThat(inTenant(tenant, () -> storage().roles().rolesOf(user, NOW))).isEmpty();
    assertThat(inTenant(tenant, () -> memberships().delete(user))).isFalse();
    // A new membership starts with no roles.
    addMember(tenant, user, true);
    assertThat(inTenant(tenant, () -> storage().roles().rolesOf(user, NOW))).isEmpty();
  }

  @Test
  public void pages_walk_every_membership_of_the_tenant_once_in_one_order_of_user_ids() {
    TenantId tenant = newTenant();
    List<Membership> all = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      all.add(new Membership(tenant, newUser(), i != 3));
    }
    inTenantDo(tenant, () -> memberships().insertAll(all));
    newMember(newTenant()); // someone elsewhere, never on these pages

    List<Membership> seen = new ArrayList<>();
    Optional<UserId> after = Optional.empty();
    while (true) {
      Optional<UserId> cursor = after;
      List<Membership> page =
          storage().transactions().readInTenant(tenant, () -> memberships().page(cursor, 3));
      assertThat(page.size()).isLessThanOrEqualTo(3);
      seen.addAll(page);
      if (page.size() < 3) {
        break;
      }
      after = Optional.of(page.get(page.size() - 1).userId());
    }

    assertThat(seen).containsExactlyInAnyOrderElementsOf(all).doesNotHaveDuplicates();
    // One total order: PostgreSQL's order of uuids, which is that of their canonical text.
    List<UserId> ids = seen.stream().map(Membership::userId).toList();
    assertThat(ids).isSortedAccordingTo(Comparator.comparing(UserId::toString));
  }

  @Test
  public void count_counts_the_tenants_memberships_active_or_not() {
    TenantId tenant = newTenant();
    newMember(tenant);
    newMember(tenant);
    addMember(tenant, newUser(), false);
    newMember(newTenant());

    assertThat(storage().transactions().readInTenant(tenant, () -> memberships().count()))
        .isEqualTo(3);
    assertThat(storage().transactions().readInTenant(newTenant(), () -> memberships().count()))
        .isZero();
  }

  @Test
  public void tenant_owned_rows_need_a_tenant_transaction() {
    UserId user = newUser();

    assertThatThrownBy(() -> across(() -> memberships().find(user)))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> memberships().find(user)).isInstanceOf(IllegalStateException.class);
  }
}
