package io.warden.adapter.driven.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.warden.application.port.driving.Conflict;
import io.warden.domain.model.permission.BuiltInPermissions;
import io.warden.domain.model.permission.Permission;
import io.warden.domain.model.permission.PermissionName;
import io.warden.domain.model.role.Role;
import io.warden.domain.model.tenant.TenantId;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PermissionRepositoryTest extends PostgresTestBase {

  @Test
  void the_built_in_permissions_exist_after_the_start() {
    assertThat(across(() -> db.permissions().findAll()))
        .containsAll(BuiltInPermissions.ALL)
        .extracting(p -> p.name().value())
        .isSorted();
  }

  @Test
  void insert_find_and_a_duplicate_is_a_conflict() {
    Permission permission = new Permission(new PermissionName("reports:read:all"), "Read reports");

    acrossDo(() -> db.permissions().insert(permission));

    assertThat(across(() -> db.permissions().find(permission.name()))).contains(permission);
    assertThatThrownBy(
            () ->
                acrossDo(() -> db.permissions().insert(new Permission(permission.name(), "again"))))
        .isInstanceOf(Conflict.class);
    assertThat(across(() -> db.permissions().find(new PermissionName("not.there")))).isEmpty();
  }

  @Test
  void insert_missing_adds_only_what_is_not_defined() {
    Permission existing = new Permission(new PermissionName("missing.existing"), "original");
    acrossDo(() -> db.permissions().insert(existing));
    Permission fresh = new Permission(new PermissionName("missing.fresh"), "fresh");

    acrossDo(
        () ->
            db.permissions()
                .insertMissing(List.of(new Permission(existing.name(), "changed?"), fresh)));
    acrossDo(() -> db.permissions().insertMissing(List.of(fresh)));

    assertThat(across(() -> db.permissions().find(existing.name()))).contains(existing);
    assertThat(across(() -> db.permissions().find(fresh.name()))).contains(fresh);
  }

  @Test
  void undefined_names_the_names_that_are_not_defined() {
    PermissionName known = definePermission("undefined.known");
    PermissionName unknown = new PermissionName("undefined.unknown");

    assertThat(across(() -> db.permissions().undefined(List.of(known, unknown, unknown))))
        .containsExactly(unknown);
    assertThat(across(() -> db.permissions().undefined(List.of()))).isEmpty();
  }

  @Test
  void delete_removes_the_permission_from_every_role_of_every_tenant() {
    PermissionName doomed = definePermission("doomed.everywhere");
    PermissionName kept = definePermission("kept.everywhere");
    TenantId first = newTenant();
    TenantId second = newTenant();
    Role roleOfFirst = Role.create(first, "r", "", Set.of(doomed, kept));
    Role roleOfSecond = Role.create(second, "r", "", Set.of(doomed));
    inTenantDo(first, () -> db.roles().insert(roleOfFirst));
    inTenantDo(second, () -> db.roles().insert(roleOfSecond));

    assertThat(across(() -> db.permissions().delete(doomed))).isTrue();

    assertThat(across(() -> db.permissions().find(doomed))).isEmpty();
    assertThat(
            inTenant(first, () -> db.roles().findById(roleOfFirst.id()))
                .orElseThrow()
                .permissions())
        .containsExactly(kept);
    assertThat(
            inTenant(second, () -> db.roles().findById(roleOfSecond.id()))
                .orElseThrow()
                .permissions())
        .isEmpty();
    assertThat(
            adminCount(
                "SELECT count(*) FROM role_permissions WHERE permission_name = 'doomed.everywhere'"))
        .isZero();
    assertThat(across(() -> db.permissions().delete(doomed))).isFalse();
  }

  @Test
  void delete_reaches_every_tenant_even_from_a_tenant_transaction() {
    PermissionName doomed = definePermission("doomed.cascade");
    TenantId first = newTenant();
    TenantId second = newTenant();
    inTenantDo(first, () -> db.roles().insert(Role.create(first, "r", "", Set.of(doomed))));
    inTenantDo(second, () -> db.roles().insert(Role.create(second, "r", "", Set.of(doomed))));

    assertThat(inTenant(first, () -> db.permissions().delete(doomed))).isTrue();

    assertThat(
            adminCount(
                "SELECT count(*) FROM role_permissions WHERE permission_name = 'doomed.cascade'"))
        .isZero();
  }
}
