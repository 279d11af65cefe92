package io.warden.adapter.driven.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.warden.domain.model.permission.PermissionName;
import io.warden.domain.model.role.Role;
import io.warden.domain.model.tenant.TenantId;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What only PostgreSQL shows of the permissions: the cascade past row-level security, seen as the
 * superuser. What any storage must do when a permission is deleted (gone from every role of every
 * tenant, a second delete finds nothing) is the port's contract, which runs on PostgreSQL in {@link
 * PostgresStorageContractTest}.
 */
class PermissionRepositoryTest extends PostgresTestBase {

  @ParameterizedTest(name = "deleted from a transaction {0}")
  @ValueSource(strings = {"across tenants", "of one tenant"})
  void delete_leaves_no_row_of_any_tenant_holding_it(String deletedFrom) {
    boolean acrossTenants = deletedFrom.equals("across tenants");
    String name = acrossTenants ? "doomed.across" : "doomed.tenant";
    PermissionName doomed = definePermission(name);
    TenantId first = newTenant();
    TenantId second = newTenant();
    inTenantDo(first, () -> db.roles().insert(Role.create(first, "r", "", Set.of(doomed))));
    inTenantDo(second, () -> db.roles().insert(Role.create(second, "r", "", Set.of(doomed))));

    boolean deleted =
        acrossTenants
            ? across(() -> db.permissions().delete(doomed))
            : inTenant(first, () -> db.permissions().delete(doomed));

    assertThat(deleted).isTrue();
    assertThat(
            adminCount(
                "SELECT count(*) FROM role_permissions WHERE permission_name = '" + name + "'"))
        .isZero();
  }
}
