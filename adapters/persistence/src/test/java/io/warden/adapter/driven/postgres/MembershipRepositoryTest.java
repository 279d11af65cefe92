package io.warden.adapter.driven.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

/**
 * What only PostgreSQL shows of the memberships (statements per page, rows left behind, how foreign
 * keys are reported); the port's contract runs in {@link PostgresStorageContractTest}.
 */
class MembershipRepositoryTest extends PostgresTestBase {

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
    Role role = newRole(tenant, "member.removal");
    UserId user = newMemberHolding(tenant, role);

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
}
