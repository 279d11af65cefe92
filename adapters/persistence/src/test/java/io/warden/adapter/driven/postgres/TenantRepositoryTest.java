package io.warden.adapter.driven.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.warden.application.port.driving.Conflict;
import io.warden.domain.model.tenant.Tenant;
import io.warden.domain.model.tenant.TenantId;
import io.warden.domain.model.user.Membership;
import io.warden.domain.model.user.UserId;
import org.junit.jupiter.api.Test;

class TenantRepositoryTest extends PostgresTestBase {

  @Test
  void stores_and_finds_a_tenant() {
    Tenant tenant = Tenant.create("acme", "Acme Corp");
    acrossDo(() -> db.tenants().insert(tenant));

    assertThat(across(() -> db.tenants().findById(tenant.id()))).contains(tenant);
    assertThat(across(() -> db.tenants().findById(TenantId.random()))).isEmpty();
  }

  @Test
  void a_duplicate_slug_is_a_conflict_and_the_transaction_stays_usable() {
    acrossDo(() -> db.tenants().insert(Tenant.create("dup-slug", "First")));
    Tenant second = Tenant.create("dup-slug", "Second");

    assertThatThrownBy(() -> acrossDo(() -> db.tenants().insert(second)))
        .isInstanceOf(Conflict.class);
    Tenant other = Tenant.create("other-slug", "Other");
    acrossDo(
        () -> {
          try {
            db.tenants().insert(Tenant.create("dup-slug", "Again"));
          } catch (Conflict expected) {
            // the insert changed nothing and did not poison the transaction
          }
          db.tenants().insert(other);
        });
    assertThat(across(() -> db.tenants().findById(other.id()))).contains(other);
    assertThat(across(() -> db.tenants().findById(second.id()))).isEmpty();
  }

  @Test
  void rename_and_set_active_each_change_their_own_column_and_say_whether_they_did() {
    Tenant tenant = Tenant.create("to-update", "Before");
    acrossDo(() -> db.tenants().insert(tenant));

    assertThat(across(() -> db.tenants().rename(tenant.id(), "After"))).isTrue();
    assertThat(across(() -> db.tenants().rename(tenant.id(), "After"))).isFalse();
    assertThat(across(() -> db.tenants().setActive(tenant.id(), false))).isTrue();
    assertThat(across(() -> db.tenants().setActive(tenant.id(), false))).isFalse();

    assertThat(across(() -> db.tenants().findById(tenant.id())))
        .contains(tenant.rename("After").withActive(false));
    TenantId ghost = TenantId.random();
    assertThat(across(() -> db.tenants().rename(ghost, "Ghost"))).isFalse();
    assertThat(across(() -> db.tenants().setActive(ghost, false))).isFalse();
  }

  @Test
  void active_tenants_of_a_user_are_the_active_tenants_of_active_memberships_by_name() {
    UserId user = newUser();
    Tenant zulu = Tenant.create("zulu-" + user.value().toString().substring(0, 6), "Zulu");
    Tenant alpha = Tenant.create("alpha-" + user.value().toString().substring(0, 6), "Alpha");
    Tenant inactive =
        Tenant.create("inactive-" + user.value().toString().substring(0, 6), "Inactive")
            .withActive(false);
    Tenant lapsed = Tenant.create("lapsed-" + user.value().toString().substring(0, 6), "Lapsed");
    Tenant foreign = Tenant.create("foreign-" + user.value().toString().substring(0, 6), "Foreign");
    for (Tenant t : new Tenant[] {zulu, alpha, inactive, lapsed, foreign}) {
      acrossDo(() -> db.tenants().insert(t));
    }
    for (Tenant t : new Tenant[] {zulu, alpha, inactive}) {
      inTenantDo(t.id(), () -> db.memberships().insert(new Membership(t.id(), user, true)));
    }
    inTenantDo(
        lapsed.id(), () -> db.memberships().insert(new Membership(lapsed.id(), user, false)));
    newMember(foreign.id());

    assertThat(across(() -> db.tenants().activeTenantsOf(user))).containsExactly(alpha, zulu);
  }

  @Test
  void active_tenants_of_needs_a_cross_tenant_transaction() {
    TenantId tenant = newTenant();
    UserId user = newMember(tenant);

    assertThatThrownBy(() -> inTenant(tenant, () -> db.tenants().activeTenantsOf(user)))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void find_all_is_ordered_by_name() {
    newTenant();
    newTenant();

    assertThat(across(() -> db.tenants().findAll()))
        .extracting(Tenant::name)
        .isSortedAccordingTo(String::compareTo);
  }

  @Test
  void outside_a_transaction_a_repository_fails_loudly() {
    assertThatThrownBy(() -> db.tenants().findAll())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no transaction");
  }
}
