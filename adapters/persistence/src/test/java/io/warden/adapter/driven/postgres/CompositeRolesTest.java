package io.warden.adapter.driven.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.warden.application.port.driven.PermissionSnapshot;
import io.warden.domain.model.role.Role;
import io.warden.domain.model.role.RoleId;
import io.warden.domain.model.tenant.TenantId;
import io.warden.domain.model.user.UserId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Composite roles in the database: inclusions are stored and read back with the role, deleting a
 * role detaches it everywhere, and the effective permissions follow every inclusion path in one
 * statement, for one user and for a thousand.
 */
class CompositeRolesTest extends PostgresTestBase {

  private Role including(TenantId tenant, Role role, Role... included) {
    Role updated = role.withIncludes(Set.of(ids(included)));
    inTenantDo(tenant, () -> db.roles().update(updated));
    return updated;
  }

  private static RoleId[] ids(Role... roles) {
    return java.util.Arrays.stream(roles).map(Role::id).toArray(RoleId[]::new);
  }

  @Test
  void a_member_holds_what_every_role_reached_through_inclusions_grants() {
    TenantId tenant = newTenant();
    Role leaf = newRole(tenant, "chain.leaf");
    Role middle = including(tenant, newRole(tenant, "chain.middle"), leaf);
    Role top = including(tenant, newRole(tenant, "chain.top"), middle);
    Role side = newRole(tenant, "chain.side");
    UserId user = newMemberHolding(tenant, top);

    assertThat(db.effectivePermissions().of(tenant, user).permissions().names())
        .containsExactly("chain.leaf", "chain.middle", "chain.top");
    assertThat(side.permissions()).isNotEmpty();

    UserId holderOfLeaf = newMemberHolding(tenant, leaf);
    assertThat(db.effectivePermissions().of(tenant, holderOfLeaf).permissions().names())
        .containsExactly("chain.leaf");
  }

  @Test
  void an_inclusion_through_an_expiring_assignment_expires_with_it() {
    TenantId tenant = newTenant();
    Role leaf = newRole(tenant, "expiring.leaf");
    Role top = including(tenant, newRole(tenant), leaf);
    UserId user = newMember(tenant);
    assign(tenant, user, top, Optional.of(START.plus(1, ChronoUnit.HOURS)));

    PermissionSnapshot snapshot = db.effectivePermissions().of(tenant, user);
    assertThat(snapshot.permissions().names()).containsExactly("expiring.leaf");
    assertThat(snapshot.validUntil()).contains(START.plus(1, ChronoUnit.HOURS));

    clock.set(START.plus(2, ChronoUnit.HOURS));
    assertThat(db.effectivePermissions().of(tenant, user).permissions().isEmpty()).isTrue();
  }

  @Test
  void a_cycle_written_behind_the_services_back_still_ends_the_query() {
    TenantId tenant = newTenant();
    Role a = newRole(tenant, "cycle.a");
    Role b = including(tenant, newRole(tenant, "cycle.b"), a);
    adminExecute(
        "INSERT INTO role_includes VALUES ('" + tenant + "', '" + a.id() + "', '" + b.id() + "')");
    UserId user = newMemberHolding(tenant, a);

    assertThat(db.effectivePermissions().of(tenant, user).permissions().names())
        .containsExactly("cycle.a", "cycle.b");
  }

  @Test
  void deleting_an_included_role_detaches_it_from_every_role_that_included_it() {
    TenantId tenant = newTenant();
    Role doomed = newRole(tenant, "detach.doomed");
    Role keeper = newRole(tenant, "detach.keeper");
    Role first = including(tenant, newRole(tenant, "detach.first"), doomed, keeper);
    Role second = including(tenant, newRole(tenant), doomed);
    UserId user = newMemberHolding(tenant, first);
    assign(tenant, user, second, Optional.empty());

    assertThat(inTenant(tenant, () -> db.roles().delete(doomed.id()))).isTrue();

    assertThat(inTenant(tenant, () -> db.roles().findById(first.id())).orElseThrow().includes())
        .containsExactly(keeper.id());
    assertThat(inTenant(tenant, () -> db.roles().findById(second.id())).orElseThrow().includes())
        .isEmpty();
    assertThat(db.effectivePermissions().of(tenant, user).permissions().names())
        .containsExactly("detach.first", "detach.keeper");
    assertThat(
            adminCount(
                "SELECT count(*) FROM role_includes WHERE included_role_id = '"
                    + doomed.id()
                    + "'"))
        .isZero();
  }

  @Test
  void one_user_and_a_thousand_users_cost_one_statement_through_any_depth_of_inclusion() {
    TenantId tenant = newTenant();
    Role previous = newRole(tenant, "deep.0");
    for (int depth = 1; depth <= 6; depth++) {
      previous = including(tenant, newRole(tenant, "deep." + depth), previous);
    }
    Role top = previous;
    Role wide = including(tenant, newRole(tenant, "wide.top"), newRole(tenant, "wide.a"), top);
    List<UserId> requested = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      UserId user = newMemberHolding(tenant, i % 2 == 0 ? top : wide);
      requested.add(user);
    }
    while (requested.size() < 1000) {
      requested.add(UserId.random());
    }

    PermissionSnapshot one =
        readInOneStatement(tenant, () -> db.effectivePermissions().of(tenant, requested.get(0)));
    assertThat(one.permissions().names())
        .containsExactly("deep.0", "deep.1", "deep.2", "deep.3", "deep.4", "deep.5", "deep.6");

    Map<UserId, PermissionSnapshot> all =
        readInOneStatement(tenant, () -> db.effectivePermissions().ofAll(tenant, requested));
    assertThat(all).hasSize(1000);
    assertThat(all.get(requested.get(1)).permissions().names())
        .containsExactly(
            "deep.0",
            "deep.1",
            "deep.2",
            "deep.3",
            "deep.4",
            "deep.5",
            "deep.6",
            "wide.a",
            "wide.top");
    assertThat(all.get(requested.get(999)).cacheable()).isFalse();
  }
}
