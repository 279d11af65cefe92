package io.warden.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.warden.application.port.driving.Caller;
import io.warden.application.port.driving.Forbidden;
import io.warden.application.port.driving.TokenPair;
import io.warden.domain.model.tenant.Tenant;
import io.warden.domain.model.tenant.TenantId;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Choosing a tenant after login. */
class TenantSelectionServiceTest extends AuthenticationFixture {
  @Test
  void tenants_of_lists_the_active_tenants_of_active_memberships() {
    warden.addMember(globex, alice);
    Caller caller = warden.login("alice@example.com");

    assertThat(selection.tenantsOf(caller)).containsExactlyInAnyOrder(acme, globex);
  }

  @Test
  void selecting_a_tenant_needs_an_active_membership_of_an_active_tenant() {
    warden.addMember(globex, alice);
    Caller caller = warden.login("alice@example.com");
    Tenant other = warden.createTenant("other");

    TokenPair scoped = selection.selectTenant(caller, globex.id());
    assertThat(scoped.tenant()).contains(globex);
    Caller inGlobex = caller(scoped.accessToken());
    assertThat(inGlobex.tenantId()).contains(globex.id());
    assertThat(inGlobex.sessionId()).isEqualTo(caller.sessionId());

    assertThatThrownBy(() -> selection.selectTenant(caller, other.id()))
        .isInstanceOf(Forbidden.class);
    assertThatThrownBy(() -> selection.selectTenant(caller, TenantId.random()))
        .isInstanceOf(Forbidden.class);
    warden
        .systemAdministration()
        .updateTenant(warden.root(), globex.id(), Optional.empty(), Optional.of(false));
    assertThatThrownBy(() -> selection.selectTenant(caller, globex.id()))
        .isInstanceOf(Forbidden.class);
  }

  @Test
  void a_system_admin_may_enter_any_active_tenant_and_holds_every_permission_there() {
    warden.createSystemAdmin("ops@example.com");
    Caller ops = warden.login("ops@example.com");

    Caller inAcme = caller(selection.selectTenant(ops, acme.id()).accessToken());

    assertThat(inAcme.systemAdmin()).isTrue();
    assertThat(warden.authorization().check(inAcme, Optional.empty(), "roles.edit")).isTrue();
    warden
        .systemAdministration()
        .updateTenant(warden.root(), acme.id(), Optional.empty(), Optional.of(false));
    assertThatThrownBy(() -> selection.selectTenant(ops, acme.id())).isInstanceOf(Forbidden.class);
  }
}
