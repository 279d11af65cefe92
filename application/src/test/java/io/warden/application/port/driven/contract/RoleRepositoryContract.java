package io.warden.application.port.driven.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.warden.application.port.driven.RoleRepository;
import io.warden.application.port.driving.Conflict;
import io.warden.application.port.driving.NotFound;
import io.warden.domain.model.permission.PermissionName;
import io.warden.domain.model.role.Role;
import io.warden.domain.model.role.RoleAssignment;
import io.warden.domain.model.role.RoleId;
import io.warden.domain.model.tenant.TenantId;
import io.warden.domain.model.user.UserId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What every {@link RoleRepository} must do: roles, their permissions, their inclusions of other
 * roles (composite roles) and their assignments, all within the transaction's tenant. A reference
 * to something that does not exist (a permission, a role, a membership) is {@link NotFound}, as the
 * database's foreign keys make it.
 */
public abstract class RoleRepositoryContract extends StorageContract {

  private RoleRepository roles() {
    return storage().roles();
  }

  private Role role(TenantId tenant, String name, PermissionName... permissions) {
    return Role.create(tenant, name, "the " + name + " role", Set.of(permissions));
  }

  private Role insert(Role role) {
    inTenantDo(role.tenantId(), () -> roles().insert(role));
    return role;
  }

  private Optional<Role> find(TenantId tenant, RoleId id) {
    return inTenant(tenant, () -> roles().findById(id));
  }

  private Role including(Role role, Role... included) {
    Set<RoleId> ids = new java.util.TreeSet<>();
    for (Role r : included) {
      ids.add(r.id());
    }
    Role updated = role.withIncludes(ids);
    inTenantDo(role.tenantId(), () -> roles().update(updated));
    return updated;
  }

  @Test
  public void stores_a_role_with_its_permissions_and_finds_it_by_id_and_name() {
    TenantId tenant = newTenant();
    Role role = insert(role(tenant, "editor", newPermission("docs"), newPermission("docs")));

    assertThat(find(tenant, role.id())).contains(role);
    assertThat(inTenant(tenant, () -> roles().findByName("editor"))).contains(role);
    assertThat(inTenant(tenant, () -> roles().findByName("nobody"))).isEmpty();
    assertThat(find(tenant, RoleId.random())).isEmpty();
  }

  @Test
  public void find_all_lists_the_tenants_roles_by_name() {
    TenantId tenant = newTenant();
    Role zeta = insert(role(tenant, "zeta", newPermission("z")));
    Role alpha = insert(role(tenant, "alpha"));
    Role mid = insert(role(tenant, "mid", newPermission("m"), newPermission("m")));
    insert(role(newTenant(), "alpha", newPermission("other")));

    assertThat(storage().transactions().readInTenant(tenant, () -> roles().findAll()))
        .containsExactly(alpha, mid, zeta);
  }

  @Test
  public void a_duplicate_name_in_the_tenant_is_a_conflict_but_another_tenant_may_reuse_it() {
    TenantId tenant = newTenant();
    insert(role(tenant, "viewer"));

    assertThatThrownBy(() -> insert(role(tenant, "viewer", newPermission("x"))))
        .isInstanceOf(Conflict.class);
    Role elsewhere = insert(role(newTenant(), "viewer"));
    assertThat(inTenant(elsewhere.tenantId(), () -> roles().findByName("viewer")))
        .contains(elsewhere);
  }

  @Test
  public void an_undefined_permission_is_not_found_and_stores_no_role() {
    TenantId tenant = newTenant();
    Role role = role(tenant, "broken", new PermissionName("never.defined" + unique()));

    assertThatThrownBy(() -> insert(role)).isInstanceOf(NotFound.class);
    assertThat(inTenant(tenant, () -> roles().findByName("broken"))).isEmpty();
  }

  @Test
  public void update_replaces_name_description_and_the_whole_permission_set() {
    TenantId tenant = newTenant();
    PermissionName keep = newPermission("keep");
    Role role = insert(role(tenant, "before", keep, newPermission("drop")));
    Role changed =
        role.withName("after")
            .withDescription("changed")
            .withPermissions(Set.of(keep, newPermission("add")));

    inTenantDo(tenant, () -> roles().update(changed));

    assertThat(find(tenant, role.id())).contains(changed);
    Role emptied = changed.withPermissions(Set.of());
    inTenantDo(tenant, () -> roles().update(emptied));
    assertThat(find(tenant, role.id())).contains(emptied);
  }

  @Test
  public void update_to_a_taken_name_is_a_conflict_and_of_an_unknown_role_not_found() {
    TenantId tenant = newTenant();
    insert(role(tenant, "taken"));
    Role other = insert(role(tenant, "other"));

    assertThatThrownInTenant(tenant, () -> roles().update(other.withName("taken")))
        .isInstanceOf(Conflict.class);
    assertThatThrownInTenant(tenant, () -> roles().update(role(tenant, "ghost")))
        .isInstanceOf(NotFound.class);
    assertThat(find(tenant, other.id())).contains(other);
  }

  @Test
  public void delete_removes_the_role_and_its_assignments() {
    TenantId tenant = newTenant();
    Role role = insert(role(tenant, "doomed", newPermission("doomed")));
    UserId user = newMember(tenant);
    assign(tenant, user, role, Optional.empty());

    assertThat(inTenant(tenant, () -> roles().delete(role.id()))).isTrue();

    assertThat(find(tenant, role.id())).isEmpty();
    assertThat(inTenant(tenant, () -> roles().rolesOf(user, NOW))).isEmpty();
    assertThat(inTenant(tenant, () -> roles().delete(role.id()))).isFalse();
    // The same role again starts with no assignments.
    insert(role);
    assertThat(inTenant(tenant, () -> roles().rolesOf(user, NOW))).isEmpty();
  }

  @Test
  public void grant_and_revoke_are_idempotent_and_say_whether_anything_changed() {
    TenantId tenant = newTenant();
    Role role = insert(role(tenant, "granted"));
    PermissionName permission = newPermission("grant");

    assertThat(inTenant(tenant, () -> roles().grant(role.id(), permission))).isTrue();
    assertThat(inTenant(tenant, () -> roles().grant(role.id(), permission))).isFalse();
    assertThat(find(tenant, role.id()).orElseThrow().permissions()).containsExactly(permission);
    assertThat(inTenant(tenant, () -> roles().revoke(role.id(), permission))).isTrue();
    assertThat(inTenant(tenant, () -> roles().revoke(role.id(), permission))).isFalse();
    assertThat(find(tenant, role.id()).orElseThrow().permissions()).isEmpty();
    assertThat(inTenant(tenant, () -> roles().grant(RoleId.random(), permission))).isFalse();
  }

  @Test
  public void assign_creates_or_replaces_the_expiry_and_unassign_is_idempotent() {
    TenantId tenant = newTenant();
    Role role = insert(role(tenant, "assigned"));
    UserId user = newMember(tenant);
    Instant expiry = NOW.plus(Duration.ofDays(1));
    RoleAssignment forever = new RoleAssignment(tenant, user, role.id(), Optional.empty());
    RoleAssignment until = new RoleAssignment(tenant, user, role.id(), Optional.of(expiry));

    assertThat(inTenant(tenant, () -> roles().assign(forever))).isTrue();
    assertThat(inTenant(tenant, () -> roles().assign(forever))).isFalse();
    assertThat(inTenant(tenant, () -> roles().assign(until))).isTrue();
    assertThat(inTenant(tenant, () -> roles().assign(until))).isFalse();
    assertThat(inTenant(tenant, () -> roles().rolesOf(user, expiry))).isEmpty();
    assertThat(inTenant(tenant, () -> roles().assign(forever))).isTrue();
    assertThat(inTenant(tenant, () -> roles().rolesOf(user, expiry))).containsExactly(role);

    assertThat(inTenant(tenant, () -> roles().unassign(role.id(), user))).isTrue();
    assertThat(inTenant(tenant, () -> roles().unassign(role.id(), user))).isFalse();
    assertThat(inTenant(tenant, () -> roles().rolesOf(user, NOW))).isEmpty();
  }

  @Test
  public void only_a_member_can_be_assigned_a_role() {
    TenantId tenant = newTenant();
    Role role = insert(role(tenant, "members-only"));
    UserId outsider = newUser();

    assertThatThrownInTenant(
            tenant,
            () -> roles().assign(new RoleAssignment(tenant, outsider, role.id(), Optional.empty())))
        .isInstanceOf(NotFound.class);
  }

  @Test
  public void roles_of_a_user_honour_expiry_at_the_instant_asked() {
    TenantId tenant = newTenant();
    UserId user = newMember(tenant);
    Role lasting = insert(role(tenant, "lasting", newPermission("l")));
    Role temporary = insert(role(tenant, "temporary", newPermission("t")));
    Instant expiry = NOW.plus(Duration.ofHours(1));
    assign(tenant, user, lasting, Optional.empty());
    assign(tenant, user, temporary, Optional.of(expiry));

    assertThat(inTenant(tenant, () -> roles().rolesOf(user, NOW)))
        .containsExactly(lasting, temporary);
    assertThat(inTenant(tenant, () -> roles().rolesOf(user, expiry))).containsExactly(lasting);
  }

  @Test
  public void roles_of_many_users_leave_out_users_without_roles() {
    TenantId tenant = newTenant();
    Role a = insert(role(tenant, "role-a", newPermission("a")));
    Role b = insert(role(tenant, "role-b"));
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
    assign(tenant, expired, a, Optional.of(NOW.minusSeconds(1)));
    users.add(expired);

    Map<UserId, List<Role>> roles =
        storage().transactions().readInTenant(tenant, () -> roles().rolesOfAll(users, NOW));

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
  public void assign_all_stores_many_assignments_and_the_last_of_a_pair_wins() {
    TenantId tenant = newTenant();
    Role role = insert(role(tenant, "bulk", newPermission("bulk")));
    UserId first = newMember(tenant);
    UserId second = newMember(tenant);
    Instant expiry = NOW.plus(Duration.ofHours(3));

    inTenantDo(
        tenant,
        () ->
            roles()
                .assignAll(
                    List.of(
                        new RoleAssignment(tenant, first, role.id(), Optional.empty()),
                        new RoleAssignment(tenant, second, role.id(), Optional.empty()),
                        new RoleAssignment(tenant, first, role.id(), Optional.of(expiry)))));

    assertThat(inTenant(tenant, () -> roles().rolesOf(second, expiry))).containsExactly(role);
    assertThat(inTenant(tenant, () -> roles().rolesOf(first, NOW))).containsExactly(role);
    assertThat(inTenant(tenant, () -> roles().rolesOf(first, expiry))).isEmpty();
  }

  @Test
  public void inclusions_are_stored_with_the_role_and_replaced_by_an_update() {
    TenantId tenant = newTenant();
    Role a = insert(role(tenant, "a"));
    Role b = insert(role(tenant, "b"));
    Role c = insert(role(tenant, "c"));
    Role top = insert(role(tenant, "top").withIncludes(Set.of(a.id(), b.id())));

    assertThat(find(tenant, top.id()).orElseThrow().includes())
        .containsExactlyInAnyOrder(a.id(), b.id());

    Role changed = including(top, b, c);

    assertThat(find(tenant, top.id())).contains(changed);
    assertThat(inTenant(tenant, () -> roles().findAll()))
        .filteredOn(r -> r.id().equals(top.id()))
        .containsExactly(changed);
    assertThat(inTenant(tenant, () -> roles().findByName("top"))).contains(changed);
  }

  @Test
  public void deleting_an_included_role_detaches_it_from_every_role_that_included_it() {
    TenantId tenant = newTenant();
    Role doomed = insert(role(tenant, "doomed"));
    Role keeper = insert(role(tenant, "keeper"));
    Role first = including(insert(role(tenant, "first")), doomed, keeper);
    Role second = including(insert(role(tenant, "second")), doomed);

    assertThat(inTenant(tenant, () -> roles().delete(doomed.id()))).isTrue();

    assertThat(find(tenant, first.id()).orElseThrow().includes()).containsExactly(keeper.id());
    assertThat(find(tenant, second.id()).orElseThrow().includes()).isEmpty();
  }

  @Test
  public void a_role_of_another_tenant_or_no_role_at_all_cannot_be_included() {
    TenantId tenant = newTenant();
    Role foreign = insert(role(newTenant(), "foreign"));
    Role mine = insert(role(tenant, "mine"));

    assertThatThrownBy(() -> including(mine, foreign)).isInstanceOf(NotFound.class);
    assertThatThrownBy(() -> insert(role(tenant, "dangling").withIncludes(Set.of(RoleId.random()))))
        .isInstanceOf(NotFound.class);
    assertThat(find(tenant, mine.id()).orElseThrow().includes()).isEmpty();
    assertThat(inTenant(tenant, () -> roles().findByName("dangling"))).isEmpty();
  }

  @Test
  public void lock_inclusions_takes_part_in_the_transaction() {
    TenantId tenant = newTenant();
    Role a = insert(role(tenant, "a"));
    Role b = insert(role(tenant, "b"));

    inTenantDo(
        tenant,
        () -> {
          roles().lockInclusions();
          roles().update(b.withIncludes(Set.of(a.id())));
        });

    assertThat(find(tenant, b.id()).orElseThrow().includes()).containsExactly(a.id());
  }
}
