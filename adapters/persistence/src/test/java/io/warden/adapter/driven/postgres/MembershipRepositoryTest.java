package io.warden.adapter.driven.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.warden.application.port.driving.Conflict;
import io.warden.application.port.driving.NotFound;
import io.warden.domain.model.role.Role;
import io.warden.domain.model.tenant.TenantId;
import io.warden.domain.model.user.Membership;
import io.warden.domain.model.user.UserId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MembershipRepositoryTest extends PostgresTestBase {

  @Test
  void stores_and_finds_a_membership_of_the_transactions_tenant() {
    TenantId tenant = newTenant();
    UserId user = newUser();
    Membership membership = new Membership(tenant, user, true);

    inTenantDo(tenant, () -> db.memberships().insert(membership));

    assertThat(inTenant(tenant, () -> db.memberships().find(user))).contains(membership);
    assertThat(inTenant(tenant, () -> db.memberships().find(UserId.random()))).isEmpty();
    assertThat(inTenant(newTenant(), () -> db.memberships().find(user))).isEmpty();
  }

  @Test
  void being_a_member_twice_is_a_conflict() {
    TenantId tenant = newTenant();
    UserId user = newMember(tenant);

    assertThatThrownBy(
            () ->
                inTenantDo(
                    tenant, () -> db.memberships().insert(new Membership(tenant, user, true))))
        .isInstanceOf(Conflict.class);
  }

  @Test
  void a_membership_of_an_unknown_user_is_not_found() {
    TenantId tenant = newTenant();

    assertThatThrownBy(
            () ->
                inTenantDo(
                    tenant,
                    () -> db.memberships().insert(new Membership(tenant, UserId.random(), true))))
        .isInstanceOf(NotFound.class);
  }

  @Test
  void a_membership_of_another_tenant_is_refused() {
    TenantId tenant = newTenant();
    TenantId other = newTenant();
    UserId user = newUser();

    assertThatThrownBy(
            () ->
                inTenantDo(
                    tenant, () -> db.memberships().insert(new Membership(other, user, true))))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void removing_a_member_deletes_their_role_assignments() {
    TenantId tenant = newTenant();
    UserId user = newMember(tenant);
    Role role = newRole(tenant, "member.removal");
    assign(tenant, user, role, Optional.empty());

    assertThat(inTenant(tenant, () -> db.memberships().delete(user))).isTrue();

    assertThat(inTenant(tenant, () -> db.memberships().find(user))).isEmpty();
    assertThat(inTenant(tenant, () -> db.roles().rolesOf(user, clock.instant()))).isEmpty();
    assertThat(adminCount("SELECT count(*) FROM user_roles WHERE user_id = '" + user + "'"))
        .isZero();
    assertThat(inTenant(tenant, () -> db.memberships().delete(user))).isFalse();
    // A new membership starts with no roles.
    addMember(tenant, user);
    assertThat(db.effectivePermissions().of(tenant, user).permissions().isEmpty()).isTrue();
  }

  @Test
  void insert_all_and_page_through_by_user_id_one_statement_per_page() {
    TenantId tenant = newTenant();
    List<Membership> all = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      all.add(new Membership(tenant, newUser(), i != 3));
    }
    inTenantDo(tenant, () -> db.memberships().insertAll(all));
    newMember(newTenant()); // someone elsewhere, never on these pages

    List<Membership> seen = new ArrayList<>();
    Optional<UserId> after = Optional.empty();
    List<Integer> statementsPerPage = new ArrayList<>();
    while (true) {
      Optional<UserId> cursor = after;
      List<Membership> page =
          db.transactions()
              .readInTenant(
                  tenant,
                  () -> {
                    statements.reset();
                    List<Membership> rows = db.memberships().page(cursor, 3);
                    statementsPerPage.add(statements.count());
                    return rows;
                  });
      seen.addAll(page);
      if (page.size() < 3) {
        break;
      }
      after = Optional.of(page.get(page.size() - 1).userId());
    }

    assertThat(seen).containsExactlyInAnyOrderElementsOf(all).doesNotHaveDuplicates();
    assertThat(statementsPerPage).containsOnly(1);
    // The pages follow one total order, the database's order of the ids.
    List<UserId> ids = seen.stream().map(Membership::userId).toList();
    List<UserId> sorted =
        ids.stream().sorted(Comparator.comparing(id -> id.value().toString())).toList();
    assertThat(ids).isEqualTo(sorted);
  }

  @Test
  void count_counts_the_tenants_memberships_active_or_not_in_one_statement() {
    TenantId tenant = newTenant();
    newMember(tenant);
    newMember(tenant);
    UserId lapsed = newUser();
    inTenantDo(tenant, () -> db.memberships().insert(new Membership(tenant, lapsed, false)));
    newMember(newTenant());

    long[] counted = new long[2];
    db.transactions()
        .readInTenant(
            tenant,
            () -> {
              statements.reset();
              counted[0] = db.memberships().count();
              counted[1] = statements.count();
              return null;
            });

    assertThat(counted[0]).isEqualTo(3);
    assertThat(counted[1]).isEqualTo(1);
  }

  @Test
  void a_duplicate_in_insert_all_stores_none() {
    TenantId tenant = newTenant();
    UserId existing = newMember(tenant);
    UserId fresh = newUser();

    assertThatThrownBy(
            () ->
                inTenantDo(
                    tenant,
                    () ->
                        db.memberships()
                            .insertAll(
                                List.of(
                                    new Membership(tenant, fresh, true),
                                    new Membership(tenant, existing, true)))))
        .isInstanceOf(Conflict.class);
    assertThat(inTenant(tenant, () -> db.memberships().find(fresh))).isEmpty();
  }

  @Test
  void tenant_owned_rows_need_a_tenant_transaction() {
    UserId user = newUser();

    assertThatThrownBy(() -> across(() -> db.memberships().find(user)))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> db.memberships().find(user)).isInstanceOf(IllegalStateException.class);
  }
}
