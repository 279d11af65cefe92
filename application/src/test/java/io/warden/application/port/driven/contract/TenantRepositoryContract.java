package io.warden.application.port.driven.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.warden.application.port.driven.TenantRepository;
import io.warden.application.port.driving.Conflict;
import io.warden.domain.model.tenant.Tenant;
import io.warden.domain.model.tenant.TenantId;
import io.warden.domain.model.user.UserId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What every {@link TenantRepository} must do, as its javadoc says. */
public abstract class TenantRepositoryContract extends StorageContract {

  private TenantRepository tenants() {
    return storage().tenants();
  }

  @Test
  public void stores_and_finds_a_tenant() {
    Tenant tenant = Tenant.create("s-" + unique(), "Acme Corp");
    acrossDo(() -> tenants().insert(tenant));

    assertThat(across(() -> tenants().findById(tenant.id()))).contains(tenant);
    assertThat(across(() -> tenants().findById(TenantId.random()))).isEmpty();
  }

  @Test
  public void a_duplicate_slug_is_a_conflict_that_leaves_the_transaction_usable() {
    String slug = "dup-" + unique();
    acrossDo(() -> tenants().insert(Tenant.create(slug, "First")));
    Tenant second = Tenant.create(slug, "Second");

    assertThatThrownBy(() -> acrossDo(() -> tenants().insert(second))).isInstanceOf(Conflict.class);
    Tenant other = Tenant.create("other-" + unique(), "Other");
    acrossDo(
        () -> {
          try {
            tenants().insert(Tenant.create(slug, "Again"));
          } catch (Conflict expected) {
            // the insert changed nothing and did not poison the transaction
          }
          tenants().insert(other);
        });
    assertThat(across(() -> tenants().findById(other.id()))).contains(other);
    assertThat(across(() -> tenants().findById(second.id()))).isEmpty();
  }

  @Test
  public void rename_and_set_active_each_change_their_own_column_and_say_whether_they_did() {
    Tenant tenant = newTenantRow();

    assertThat(across(() -> tenants().rename(tenant.id(), "After"))).isTrue();
    assertThat(across(() -> tenants().rename(tenant.id(), "After"))).isFalse();
    assertThat(across(() -> tenants().setActive(tenant.id(), false))).isTrue();
    assertThat(across(() -> tenants().setActive(tenant.id(), false))).isFalse();

    assertThat(across(() -> tenants().findById(tenant.id())))
        .contains(tenant.rename("After").withActive(false));
    assertThat(across(() -> tenants().setActive(tenant.id(), true))).isTrue();
    assertThat(across(() -> tenants().findById(tenant.id()))).contains(tenant.rename("After"));
  }

  @Test
  public void a_change_of_no_such_tenant_changes_nothing() {
    TenantId ghost = TenantId.random();

    assertThat(across(() -> tenants().rename(ghost, "Ghost"))).isFalse();
    assertThat(across(() -> tenants().setActive(ghost, false))).isFalse();
    assertThat(across(() -> tenants().findById(ghost))).isEmpty();
  }

  @Test
  public void active_tenants_of_a_user_are_the_active_tenants_of_active_memberships_by_name() {
    UserId user = newUser();
    Tenant zulu = insert(Tenant.create("zulu-" + unique(), "Zulu " + unique()));
    Tenant alpha = insert(Tenant.create("alpha-" + unique(), "Alpha " + unique()));
    Tenant inactive =
        insert(Tenant.create("inactive-" + unique(), "Inactive " + unique()).withActive(false));
    Tenant lapsed = insert(Tenant.create("lapsed-" + unique(), "Lapsed " + unique()));
    Tenant foreign = insert(Tenant.create("foreign-" + unique(), "Foreign " + unique()));
    for (Tenant t : List.of(zulu, alpha, inactive)) {
      addMember(t.id(), user, true);
    }
    addMember(lapsed.id(), user, false);
    newMember(foreign.id());

    assertThat(across(() -> tenants().activeTenantsOf(user))).containsExactly(alpha, zulu);
    assertThat(across(() -> tenants().activeTenantsOf(UserId.random()))).isEmpty();
  }

  @Test
  public void find_all_lists_every_tenant_by_name() {
    Tenant first = newTenantRow();
    Tenant second = newTenantRow();

    List<Tenant> all = across(() -> tenants().findAll());

    assertThat(all).contains(first, second);
    assertThat(all).extracting(Tenant::name).isSortedAccordingTo(String::compareTo);
  }

  @Test
  public void a_repository_used_outside_a_transaction_fails_loudly() {
    assertThatThrownBy(() -> tenants().findAll()).isInstanceOf(IllegalStateException.class);
  }

  private Tenant insert(Tenant tenant) {
    acrossDo(() -> tenants().insert(tenant));
    return tenant;
  }
}
