package io.warden.adapter.driven.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.warden.application.port.driving.Conflict;
import io.warden.application.port.driving.NotFound;
import io.warden.domain.model.permission.PermissionName;
import io.warden.domain.model.role.Role;
import io.warden.domain.model.role.RoleAssignment;
import io.warden.domain.model.role.RoleId;
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
  void stores_a_role_with_its_permissions_and_finds_it_by_id_and_name() {
    TenantId tenant = newTenant();
    Role role = role(tenant, "editor", "docs.write", "docs.read");

    insert(role);

    assertThat(inTenant(tenant, () -> db.roles().findById(role.id()))).contains(role);
    assertThat(inTenant(tenant, () -> db.roles().findByName("editor"))).contains(role);
    assertThat(inTenant(tenant, () -> db.roles().findByName("nobody"))).isEmpty();
    assertThat(inTenant(tenant, () -> db.roles().findById(RoleId.random()))).isEmpty();
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
  void a_duplicate_name_in_the_tenant_is_a_conflict_but_another_tenant_may_reuse_it() {
    TenantId tenant = newTenant();
    insert(role(tenant, "viewer"));

    assertThatThrownBy(() -> insert(role(tenant, "viewer", "x.y"))).isInstanceOf(Conflict.class);
    Role elsewhere = role(newTenant(), "viewer");
    insert(elsewhere);
    assertThat(inTenant(elsewhere.tenantId(), () -> db.roles().findByName("viewer")))
        .contains(elsewhere);
  }

  @Test
  void an_undefined_permission_is_not_found_and_stores_no_role() {
    TenantId tenant = newTenant();
    Role role =
        Role.create(tenant, "broken", "", Set.of(new PermissionName("never.defined.anywhere")));

    assertThatThrownBy(() -> insert(role)).isInstanceOf(NotFound.class);
    assertThat(inTenant(tenant, () -> db.roles().findByName("broken"))).isEmpty();
  }

  @Test
  void update_replaces_name_description_and_the_whole_permission_set() {
    TenantId tenant = newTenant();
    Role role = role(tenant, "before", "keep.me", "drop.me");
    insert(role);
    Role changed =
        role.withName("after")
            .withDescription("changed")
            .withPermissions(Set.of(definePermission("keep.me"), definePermission("add.me")));

    inTenantDo(tenant, () -> db.roles().update(changed));

    assertThat(inTenant(tenant, () -> db.roles().findById(role.id()))).contains(changed);
    Role emptied = changed.withPermissions(Set.of());
    inTenantDo(tenant, () -> db.roles().update(emptied));
    assertThat(inTenant(tenant, () -> db.roles().findById(role.id()))).contains(emptied);
  }

  @Test
  void update_to_a_taken_name_is_a_conflict_and_of_an_unknown_role_not_found() {
    TenantId tenant = newTenant();
    insert(role(tenant, "taken"));
    Role other = role(tenant, "other");
    insert(other);

    assertThatThrownBy(() -> inTenantDo(tenant, () -> db.roles().update(other.withName("taken"))))
        .isInstanceOf(Conflict.class);
    assertThatThrownBy(() -> inTenantDo(tenant, () -> db.roles().update(role(tenant, "ghost"))))
        .isInstanceOf(NotFound.class);
  }

  @Test
  void delete_removes_the_role_with_its_permissions_and_assignments() {
    TenantId tenant = newTenant();
    Role role = role(tenant, "doomed", "doomed.perm");
    insert(role);
    UserId user = newMember(tenant);
    assign(tenant, user, role, Optional.empty());

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
  void grant_and_revoke_are_idempotent_and_say_whether_anything_changed() {
    TenantId tenant = newTenant();
    Role role = role(tenant, "granted");
    insert(role);
    PermissionName permission = definePermission("grant.me");

    assertThat(inTenant(tenant, () -> db.roles().grant(role.id(), permission))).isTrue();
    assertThat(inTenant(tenant, () -> db.roles().grant(role.id(), permission))).isFalse();
    assertThat(inTenant(tenant, () -> db.roles().findById(role.id())).orElseThrow().permissions())
        .containsExactly(permission);
    assertThat(inTenant(tenant, () -> db.roles().revoke(role.id(), permission))).isTrue();
    assertThat(inTenant(tenant, () -> db.roles().revoke(role.id(), permission))).isFalse();
    assertThat(inTenant(tenant, () -> db.roles().findById(role.id())).orElseThrow().permissions())
        .isEmpty();
    assertThat(inTenant(tenant, () -> db.roles().grant(RoleId.random(), permission))).isFalse();
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
  void only_a_member_can_be_assigned_a_role() {
    TenantId tenant = newTenant();
    Role role = role(tenant, "members.only");
    insert(role);
    UserId outsider = newUser();

    assertThatThrownBy(
            () ->
                inTenantDo(
                    tenant,
                    () ->
                        db.roles()
                            .assign(
                                new RoleAssignment(tenant, outsider, role.id(), Optional.empty()))))
        .isInstanceOf(NotFound.class);
  }

  @Test
  void roles_of_a_user_honour_expiry_at_the_instant_asked() {
    TenantId tenant = newTenant();
    UserId user = newMember(tenant);
    Role lasting = role(tenant, "lasting", "l.p");
    Role temporary = role(tenant, "temporary", "t.p");
    insert(lasting);
    insert(temporary);
    Instant expiry = clock.in(1, ChronoUnit.HOURS);
    assign(tenant, user, lasting, Optional.empty());
    assign(tenant, user, temporary, Optional.of(expiry));

    assertThat(inTenant(tenant, () -> db.roles().rolesOf(user, clock.instant())))
        .containsExactly(lasting, temporary);
    assertThat(inTenant(tenant, () -> db.roles().rolesOf(user, expiry))).containsExactly(lasting);
  }

  @Test
  void roles_of_many_users_are_one_statement_and_users_without_roles_are_absent() {
    TenantId tenant = newTenant();
    Role a = role(tenant, "role-a", "a.p");
    Role b = role(tenant, "role-b");
    insert(a);
    insert(b);
    List<UserId> users = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      UserId user = newMember(tenant);
      users.add(user);
      if (i % 2 == 0) {
        assign(tenant, user, a, Optional.empty());
      }
      if (i % 3 == 0) {
        assign(tenant, user, b, Optional.empty());
      }
    }
    UserId expired = newMember(tenant);
    assign(tenant, expired, a, Optional.of(clock.in(-1, ChronoUnit.SECONDS)));
    users.add(expired);

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
    for (int i = 0; i < 10; i++) {
      List<Role> expected = new ArrayList<>();
      if (i % 2 == 0) {
        expected.add(a);
      }
      if (i % 3 == 0) {
        expected.add(b);
      }
      if (expected.isEmpty()) {
        assertThat(roles).doesNotContainKey(users.get(i));
      } else {
        assertThat(roles.get(users.get(i))).containsExactlyElementsOf(expected);
      }
    }
    assertThat(roles).doesNotContainKey(expired);
  }

  @Test
  void assign_all_stores_many_assignments_and_the_last_of_a_pair_wins() {
    TenantId tenant = newTenant();
    Role role = role(tenant, "bulk", "bulk.p");
    insert(role);
    UserId first = newMember(tenant);
    UserId second = newMember(tenant);
    Instant expiry = clock.in(3, ChronoUnit.HOURS);

    inTenantDo(
        tenant,
        () ->
            db.roles()
                .assignAll(
                    List.of(
                        new RoleAssignment(tenant, first, role.id(), Optional.empty()),
                        new RoleAssignment(tenant, second, role.id(), Optional.empty()),
                        new RoleAssignment(tenant, first, role.id(), Optional.of(expiry)))));

    assertThat(inTenant(tenant, () -> db.roles().rolesOf(second, expiry))).containsExactly(role);
    assertThat(inTenant(tenant, () -> db.roles().rolesOf(first, clock.instant())))
        .containsExactly(role);
    assertThat(inTenant(tenant, () -> db.roles().rolesOf(first, expiry))).isEmpty();
  }
}
