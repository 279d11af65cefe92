package io.warden.adapter.driven.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.warden.domain.model.permission.PermissionName;
import io.warden.domain.model.role.Role;
import io.warden.domain.model.tenant.TenantId;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What only PostgreSQL shows of the permissions (the cascade past row-level security); the port's
 * contract runs in {@link PostgresStorageContractTest}.
 */
class PermissionRepositoryTest extends PostgresTestBase {

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
