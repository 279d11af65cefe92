package io.warden.application.port.driven.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.warden.application.port.driven.Transactions;
import io.warden.domain.model.permission.PermissionName;
import io.warden.domain.model.role.Role;
import io.warden.domain.model.role.RoleAssignment;
import io.warden.domain.model.tenant.Tenant;
import io.warden.domain.model.tenant.TenantId;
import io.warden.domain.model.user.Membership;
import io.warden.domain.model.user.User;
import io.warden.domain.model.user.UserId;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Transactions} must do: a transaction scoped to tenant A neither sees nor
 * changes tenant B's rows, whatever the repositories are asked (PostgreSQL makes it so with
 * row-level security, so a forgotten filter returns nothing); {@code acrossTenants} sees them all;
 * a runtime exception rolls back everything the transaction wrote; a read-only transaction writes
 * nothing.
 */
public abstract class TransactionsContract extends StorageContract {
  private TenantId tenantA;
  private TenantId tenantB;
  private UserId memberOfB;
  private Role roleOfB;
  private Role includedByB;
  private PermissionName grantedInB;

  @BeforeEach
  void twoTenants() {
    tenantA = newTenant();
    tenantB = newTenant();
    assign(tenantA, newMember(tenantA), newRole(tenantA, "of-a", 1), Optional.empty());
    memberOfB = newMember(tenantB);
    includedByB = newRole(tenantB, "included-by-b", 1);
    Role plain = newRole(tenantB, "of-b", 1);
    grantedInB = plain.permissions().iterator().next();
    roleOfB = plain.withIncludes(Set.of(includedByB.id()));
    inTenantDo(tenantB, () -> storage().roles().update(roleOfB));
    assign(tenantB, memberOfB, roleOfB, Optional.empty());
  }

  @Test
  public void a_transaction_of_tenant_a_does_not_see_the_rows_of_tenant_b() {
    inTenantDo(
        tenantA,
        () -> {
          assertThat(storage().roles().findById(roleOfB.id())).isEmpty();
          assertThat(storage().roles().findByName(roleOfB.name())).isEmpty();
          assertThat(storage().roles().findAll()).extracting(Role::tenantId).containsOnly(tenantA);
          assertThat(storage().memberships().find(memberOfB)).isEmpty();
          assertThat(storage().memberships().page(Optional.empty(), 100))
              .extracting(Membership::tenantId)
              .containsOnly(tenantA);
          assertThat(storage().memberships().count()).isEqualTo(1);
          assertThat(storage().roles().rolesOf(memberOfB, NOW)).isEmpty();
          assertThat(storage().roles().rolesOfAll(List.of(memberOfB), NOW)).isEmpty();
        });
    assertThat(inTenant(tenantB, () -> storage().roles().findById(roleOfB.id()))).contains(roleOfB);
  }

  @Test
  public void a_transaction_of_tenant_a_does_not_change_the_rows_of_tenant_b() {
    PermissionName other = newPermission("other");

    inTenantDo(
        tenantA,
        () -> {
          assertThat(storage().roles().grant(roleOfB.id(), other)).isFalse();
          assertThat(storage().roles().revoke(roleOfB.id(), grantedInB)).isFalse();
          assertThat(storage().roles().unassign(roleOfB.id(), memberOfB)).isFalse();
          assertThat(storage().roles().delete(includedByB.id())).isFalse();
          assertThat(storage().roles().delete(roleOfB.id())).isFalse();
          assertThat(storage().memberships().delete(memberOfB)).isFalse();
        });

    assertThat(inTenant(tenantB, () -> storage().roles().findById(roleOfB.id()))).contains(roleOfB);
    assertThat(inTenant(tenantB, () -> storage().roles().findById(includedByB.id())))
        .contains(includedByB);
    assertThat(inTenant(tenantB, () -> storage().roles().rolesOf(memberOfB, NOW)))
        .containsExactly(roleOfB);
  }

  @Test
  public void a_transaction_of_tenant_a_cannot_write_rows_into_tenant_b() {
    UserId outsider = newUser();
    Role planted = Role.create(tenantB, "planted", "", Set.of());

    assertThatThrownInTenant(
            tenantA, () -> storage().memberships().insert(new Membership(tenantB, outsider, true)))
        .isInstanceOf(RuntimeException.class);
    assertThatThrownInTenant(tenantA, () -> storage().roles().insert(planted))
        .isInstanceOf(RuntimeException.class);
    assertThatThrownInTenant(
            tenantA,
            () ->
                storage()
                    .roles()
                    .assign(
                        new RoleAssignment(tenantB, memberOfB, includedByB.id(), Optional.empty())))
        .isInstanceOf(RuntimeException.class);

    assertThat(inTenant(tenantB, () -> storage().memberships().find(outsider))).isEmpty();
    assertThat(inTenant(tenantB, () -> storage().roles().findById(planted.id()))).isEmpty();
    assertThat(inTenant(tenantB, () -> storage().roles().rolesOf(memberOfB, NOW)))
        .containsExactly(roleOfB);
  }

  @Test
  public void across_tenants_sees_every_tenant_and_global_rows_are_seen_everywhere() {
    assertThat(across(() -> storage().tenants().findAll()))
        .extracting(Tenant::id)
        .contains(tenantA, tenantB);
    assertThat(across(() -> storage().tenants().activeTenantsOf(memberOfB)))
        .extracting(Tenant::id)
        .containsExactly(tenantB);
    assertThat(inTenant(tenantA, () -> storage().users().findById(memberOfB))).isPresent();
    assertThat(inTenant(tenantA, () -> storage().permissions().find(grantedInB))).isPresent();
  }

  @Test
  public void a_runtime_exception_rolls_back_everything_the_transaction_wrote() {
    User user = someone();
    Role role = Role.create(tenantA, "rolled-back", "", Set.of());
    RuntimeException failure = new IllegalStateException("the change fails after its writes");

    assertThatThrownInTenant(
            tenantA,
            () -> {
              storage().roles().insert(role);
              storage().roles().unassign(roleOfB.id(), memberOfB);
              throw failure;
            })
        .isSameAs(failure);
    assertThatThrownBy(
            () ->
                acrossDo(
                    () -> {
                      storage().users().insert(user);
                      storage().tenants().rename(tenantA, "Renamed");
                      throw failure;
                    }))
        .isSameAs(failure);

    assertThat(inTenant(tenantA, () -> storage().roles().findById(role.id()))).isEmpty();
    assertThat(across(() -> storage().users().findById(user.id()))).isEmpty();
    assertThat(across(() -> storage().tenants().findById(tenantA)).orElseThrow().name())
        .isNotEqualTo("Renamed");
    // The transaction after a rolled-back one starts clean.
    inTenantDo(tenantA, () -> storage().roles().insert(role));
    assertThat(inTenant(tenantA, () -> storage().roles().findById(role.id()))).contains(role);
  }

  @Test
  public void the_work_of_a_transaction_is_answered_and_committed() {
    Role role = Role.create(tenantA, "committed", "", Set.of());

    Role answered =
        inTenant(
            tenantA,
            () -> {
              storage().roles().insert(role);
              return storage().roles().findById(role.id()).orElseThrow();
            });

    assertThat(answered).isEqualTo(role);
    assertThat(inTenant(tenantA, () -> storage().roles().findById(role.id()))).contains(role);
  }

  @Test
  public void a_read_only_transaction_reads_its_tenant_and_writes_nothing() {
    Role role = Role.create(tenantA, "read-only", "", Set.of());

    assertThat(storage().transactions().readInTenant(tenantB, () -> storage().roles().findAll()))
        .contains(roleOfB);
    assertThatThrownBy(
            () ->
                storage()
                    .transactions()
                    .readInTenant(
                        tenantA,
                        () -> {
                          storage().roles().insert(role);
                          return null;
                        }))
        .isInstanceOf(RuntimeException.class);

    assertThat(inTenant(tenantA, () -> storage().roles().findById(role.id()))).isEmpty();
  }
}
