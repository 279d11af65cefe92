package io.warden.adapter.driven.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.warden.domain.model.permission.PermissionName;
import io.warden.domain.model.role.Role;
import io.warden.domain.model.role.RoleAssignment;
import io.warden.domain.model.tenant.TenantId;
import io.warden.domain.model.user.UserId;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What only PostgreSQL shows of the roles (statements per call, rows left behind, stored expiries);
 * the port's contract runs in {@link PostgresStorageContractTest}.
 */
class RoleRepositoryTest extends PostgresTestBase {

  private Role role(TenantId tenant, String name, String... permissions) {
    Set<PermissionName> names = new java.util.TreeSet<>();
    for (String permission : permissions) {
      names.add(definePermission(permission));
    }
    return Role.create(tenant, name, "the " + name + " role", names);
  }

  private void insert(Role role) {
    inTenantDo(role.tenantId(), () -> db.roles().insert(role));
  }

  @Test
  void find_all_lists_the_tenants_roles_by_name_in_one_statement() {
    TenantId tenant = newTenant();
    Role zeta = role(tenant, "zeta", "z.perm");
    Role alpha = role(tenant, "alpha");
    Role mid = role(tenant, "mid", "m.one", "m.two");
    for (Role role : List.of(zeta, alpha, mid)) {
      insert(role);
    }
    insert(role(newTenant(), "alpha", "other.tenant"));

    int[] used = new int[1];
    List<Role> all =
        db.transactions()
            .readInTenant(
                tenant,
                () -> {
                  statements.reset();
                  List<Role> roles = db.roles().findAll();
                  used[0] = statements.count();
                  return roles;
                });

    assertThat(all).containsExactly(alpha, mid, zeta);
    assertThat(used[0]).isEqualTo(1);
  }

  @Test
  void delete_removes_the_role_with_its_permissions_and_assignments() {
    TenantId tenant = newTenant();
    Role role = role(tenant, "doomed", "doomed.perm");
    insert(role);
    UserId user = newMemberHolding(tenant, role);

    assertThat(inTenant(tenant, () -> db.roles().delete(role.id()))).isTrue();

    assertThat(inTenant(tenant, () -> db.roles().findById(role.id()))).isEmpty();
    assertThat(adminCount("SELECT count(*) FROM user_roles WHERE role_id = '" + role.id() + "'"))
        .isZero();
    assertThat(
            adminCount("SELECT count(*) FROM role_permissions WHERE role_id = '" + role.id() + "'"))
        .isZero();
    assertThat(inTenant(tenant, () -> db.roles().delete(role.id()))).isFalse();
  }

  @Test
  void assign_creates_or_replaces_the_expiry_and_unassign_is_idempotent() {
    TenantId tenant = newTenant();
    Role role = role(tenant, "assigned");
    insert(role);
    UserId user = newMember(tenant);
    Instant expiry = clock.in(1, ChronoUnit.DAYS);
    RoleAssignment forever = new RoleAssignment(tenant, user, role.id(), Optional.empty());
    RoleAssignment until = new RoleAssignment(tenant, user, role.id(), Optional.of(expiry));

    assertThat(inTenant(tenant, () -> db.roles().assign(forever))).isTrue();
    assertThat(inTenant(tenant, () -> db.roles().assign(forever))).isFalse();
    assertThat(inTenant(tenant, () -> db.roles().assign(until))).isTrue();
    assertThat(inTenant(tenant, () -> db.roles().assign(until))).isFalse();
    assertThat(
            adminCount(
                "SELECT extract(epoch FROM expires_at)::bigint FROM user_roles WHERE role_id = '"
                    + role.id()
                    + "'"))
        .isEqualTo(expiry.getEpochSecond());
    assertThat(inTenant(tenant, () -> db.roles().assign(forever))).isTrue();

    assertThat(inTenant(tenant, () -> db.roles().unassign(role.id(), user))).isTrue();
    assertThat(inTenant(tenant, () -> db.roles().unassign(role.id(), user))).isFalse();
  }

  @Test
  void roles_of_many_users_are_one_statement() {
    TenantId tenant = newTenant();
    Role a = role(tenant, "role-a", "a.p");
    insert(a);
    List<UserId> users = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      UserId user = newMember(tenant);
      users.add(user);
      assign(tenant, user, a, Optional.empty());
    }

    int[] used = new int[1];
    Map<UserId, List<Role>> roles =
        db.transactions()
            .readInTenant(
                tenant,
                () -> {
                  statements.reset();
                  Map<UserId, List<Role>> result = db.roles().rolesOfAll(users, clock.instant());
                  used[0] = statements.count();
                  return result;
                });

    assertThat(used[0]).isEqualTo(1);
    assertThat(roles).containsOnlyKeys(users);
  }
}
