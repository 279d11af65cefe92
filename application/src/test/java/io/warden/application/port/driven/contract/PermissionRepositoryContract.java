package io.warden.application.port.driven.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.warden.application.port.driven.PermissionRepository;
import io.warden.application.port.driving.Conflict;
import io.warden.domain.model.permission.BuiltInPermissions;
import io.warden.domain.model.permission.Permission;
import io.warden.domain.model.permission.PermissionName;
import io.warden.domain.model.role.Role;
import io.warden.domain.model.tenant.TenantId;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What every {@link PermissionRepository} must do: permission definitions are global, the built-in
 * ones exist from the start, and deleting one removes it from every role of every tenant.
 */
public abstract class PermissionRepositoryContract extends StorageContract {

  private PermissionRepository permissions() {
    return storage().permissions();
  }

  @Test
  public void the_built_in_permissions_exist_from_the_start_and_all_are_listed_by_name() {
    List<Permission> all = across(() -> permissions().findAll());

    assertThat(all).containsAll(BuiltInPermissions.ALL);
    assertThat(all).extracting(p -> p.name().value()).isSorted();
  }

  @Test
  public void insert_find_and_a_duplicate_is_a_conflict() {
    Permission permission =
        new Permission(new PermissionName("reports:read:p" + unique()), "Read reports");

    acrossDo(() -> permissions().insert(permission));

    assertThat(across(() -> permissions().find(permission.name()))).contains(permission);
    assertThat(across(() -> permissions().findAll())).contains(permission);
    assertThatThrownBy(
            () -> acrossDo(() -> permissions().insert(new Permission(permission.name(), "again"))))
        .isInstanceOf(Conflict.class);
    assertThat(across(() -> permissions().find(permission.name()))).contains(permission);
    assertThat(across(() -> permissions().find(new PermissionName("not.there" + unique()))))
        .isEmpty();
  }

  @Test
  public void insert_missing_adds_only_what_is_not_defined() {
    Permission existing = new Permission(new PermissionName("missing.e" + unique()), "original");
    acrossDo(() -> permissions().insert(existing));
    Permission fresh = new Permission(new PermissionName("missing.f" + unique()), "fresh");

    acrossDo(
        () ->
            permissions()
                .insertMissing(List.of(new Permission(existing.name(), "changed?"), fresh)));
    acrossDo(() -> permissions().insertMissing(List.of(fresh)));

    assertThat(across(() -> permissions().find(existing.name()))).contains(existing);
    assertThat(across(() -> permissions().find(fresh.name()))).contains(fresh);
  }

  @Test
  public void undefined_names_the_names_that_are_not_defined() {
    PermissionName known = newPermission("undefined.known");
    PermissionName unknown = new PermissionName("undefined.unknown" + unique());

    assertThat(across(() -> permissions().undefined(List.of(known, unknown, unknown))))
        .containsExactly(unknown);
    assertThat(across(() -> permissions().undefined(List.of(known)))).isEmpty();
    assertThat(across(() -> permissions().undefined(List.of()))).isEmpty();
  }

  @Test
  public void delete_removes_the_permission_from_every_role_of_every_tenant() {
    PermissionName doomed = newPermission("doomed");
    PermissionName kept = newPermission("kept");
    TenantId first = newTenant();
    TenantId second = newTenant();
    Role roleOfFirst = Role.create(first, "r", "", Set.of(doomed, kept));
    Role roleOfSecond = Role.create(second, "r", "", Set.of(doomed));
    inTenantDo(first, () -> storage().roles().insert(roleOfFirst));
    inTenantDo(second, () -> storage().roles().insert(roleOfSecond));

    assertThat(across(() -> permissions().delete(doomed))).isTrue();

    assertThat(across(() -> permissions().find(doomed))).isEmpty();
    assertThat(inTenant(first, () -> storage().roles().findById(roleOfFirst.id())).orElseThrow())
        .extracting(Role::permissions)
        .isEqualTo(Set.of(kept));
    assertThat(inTenant(second, () -> storage().roles().findById(roleOfSecond.id())).orElseThrow())
        .extracting(Role::permissions)
        .isEqualTo(Set.of());
    assertThat(across(() -> permissions().delete(doomed))).isFalse();
  }
}
