package io.warden.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.warden.application.fake.InMemoryStore.JournalEntry;
import io.warden.application.fake.InMemoryWarden;
import io.warden.application.fake.RecordingCacheInvalidation.Invalidation;
import io.warden.application.port.driving.Caller;
import io.warden.application.port.driving.RoleAdministrationUseCase.CreateRole;
import io.warden.application.port.driving.SystemAdministrationUseCase.UpdateUser;
import io.warden.application.port.driving.TokenPair;
import io.warden.application.port.driving.TokenRefreshUseCase.RefreshResult;
import io.warden.application.port.driving.Unauthenticated;
import io.warden.domain.model.role.Role;
import io.warden.domain.model.tenant.Tenant;
import io.warden.domain.model.user.User;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The promise of Warden: the check right after a change, on the instance that made it, already sees
 * it. Each test makes one change and asks again; each change must also have been announced after
 * its commit with a scope that covers the answer that changed.
 */
class NextCheckSeesEveryChangeTest {
  private final InMemoryWarden warden = new InMemoryWarden();
  private Tenant acme;
  private User alice;
  private Caller admin;
  private Role reporting;

  @BeforeEach
  void setUp() {
    acme = warden.createTenantWithAdmin("acme");
    warden.systemAdministration().createPermission(warden.root(), "reports.read", "Reports");
    alice = warden.createUser("alice@example.com");
    warden.addMember(acme, alice);
    admin = warden.login("admin@acme.example");
    reporting =
        warden
            .roleAdministration()
            .create(admin, new CreateRole("reporting", "", List.of("reports.read")));
    warden.memberAdministration().assign(admin, reporting.id(), alice.id(), Optional.empty());
    warden.invalidation().clear();
  }

  private boolean aliceMay(String permission) {
    return warden.authorization().check(admin, Optional.of(alice.id()), permission);
  }

  /** The last change was announced after its commit, covering alice's answers in acme. */
  private void assertAnnouncedForAlice() {
    JournalEntry last = warden.store().lastJournalEntry();
    List<Invalidation> invalidations = warden.invalidation().invalidations();
    assertThat(invalidations).isNotEmpty();
    Invalidation latest = invalidations.get(invalidations.size() - 1);
    assertThat(latest.version()).isEqualTo(last.version());
    assertThat(latest.scope()).isEqualTo(last.event().scope());
    assertThat(latest.scope().covers(acme.id(), alice.id())).isTrue();
    assertThat(latest.insideTransaction()).isFalse();
    assertThat(latest.committed()).isTrue();
  }

  @Test
  void grant() {
    assertThat(aliceMay("users.view")).isFalse();
    warden.roleAdministration().grant(admin, reporting.id(), "users.view");
    assertThat(aliceMay("users.view")).isTrue();
    assertAnnouncedForAlice();
  }

  @Test
  void revoke() {
    warden.roleAdministration().revoke(admin, reporting.id(), "reports.read");
    assertThat(aliceMay("reports.read")).isFalse();
    assertAnnouncedForAlice();
  }

  @Test
  void unassign() {
    warden.memberAdministration().unassign(admin, reporting.id(), alice.id());
    assertThat(aliceMay("reports.read")).isFalse();
    assertAnnouncedForAlice();
  }

  @Test
  void assign() {
    Role viewers =
        warden.roleAdministration().create(admin, new CreateRole("v", "", List.of("users.view")));
    warden.memberAdministration().assign(admin, viewers.id(), alice.id(), Optional.empty());
    assertThat(aliceMay("users.view")).isTrue();
    assertAnnouncedForAlice();
  }

  @Test
  void role_deletion() {
    warden.roleAdministration().delete(admin, reporting.id());
    assertThat(aliceMay("reports.read")).isFalse();
    assertAnnouncedForAlice();
  }

  @Test
  void permission_deletion() {
    warden.systemAdministration().deletePermission(warden.root(), "reports.read");
    assertThat(aliceMay("reports.read")).isFalse();
    assertAnnouncedForAlice();
  }

  @Test
  void member_removal() {
    TokenPair tokens = warden.loginResult("alice@example.com").tokens();
    warden.memberAdministration().remove(admin, alice.id());
    assertThat(aliceMay("reports.read")).isFalse();
    assertThatThrownBy(() -> warden.authenticate(tokens)).isInstanceOf(Unauthenticated.class);
    assertAnnouncedForAlice();
  }

  @Test
  void expiry_of_an_assignment_needs_no_change_at_all() {
    warden
        .memberAdministration()
        .assign(
            admin,
            reporting.id(),
            alice.id(),
            Optional.of(warden.clock().instant().plus(Duration.ofMinutes(5))));
    assertThat(aliceMay("reports.read")).isTrue();
    warden.clock().advance(Duration.ofMinutes(5));
    assertThat(aliceMay("reports.read")).isFalse();
  }

  @Test
  void user_deactivation() {
    TokenPair tokens = warden.loginResult("alice@example.com").tokens();
    warden.deactivate(alice);
    assertThatThrownBy(() -> warden.authenticate(tokens)).isInstanceOf(Unauthenticated.class);
    assertThatThrownBy(() -> warden.login("alice@example.com")).isInstanceOf(Unauthenticated.class);
    assertAnnouncedForAlice();
  }

  @Test
  void password_change() {
    TokenPair tokens = warden.loginResult("alice@example.com").tokens();
    warden
        .systemAdministration()
        .updateUser(
            warden.root(),
            alice.id(),
            new UpdateUser(Optional.empty(), Optional.empty(), Optional.of("a brand new secret")));
    assertThatThrownBy(() -> warden.authenticate(tokens)).isInstanceOf(Unauthenticated.class);
    assertAnnouncedForAlice();
  }

  @Test
  void tenant_deactivation() {
    TokenPair tokens = warden.loginResult("alice@example.com").tokens();
    warden
        .systemAdministration()
        .updateTenant(warden.root(), acme.id(), Optional.empty(), Optional.of(false));
    assertThatThrownBy(() -> warden.authenticate(tokens)).isInstanceOf(Unauthenticated.class);
    assertThat(warden.tokenRefresh().refresh(tokens.refreshToken()))
        .isInstanceOf(RefreshResult.Refused.class);
    assertAnnouncedForAlice();
  }

  @Test
  void logout() {
    TokenPair tokens = warden.loginResult("alice@example.com").tokens();
    warden.logout().logout(warden.authenticate(tokens));
    assertThatThrownBy(() -> warden.authenticate(tokens)).isInstanceOf(Unauthenticated.class);
    assertAnnouncedForAlice();
  }

  @Test
  void logout_all() {
    TokenPair one = warden.loginResult("alice@example.com").tokens();
    TokenPair two = warden.loginResult("alice@example.com").tokens();
    warden.logout().logoutAll(warden.authenticate(one));
    assertThatThrownBy(() -> warden.authenticate(one)).isInstanceOf(Unauthenticated.class);
    assertThatThrownBy(() -> warden.authenticate(two)).isInstanceOf(Unauthenticated.class);
    assertAnnouncedForAlice();
  }

  @Test
  void a_change_that_fails_at_commit_is_neither_seen_nor_announced() {
    warden.transactions().failNextCommit(() -> new IllegalStateException("database went away"));

    assertThatThrownBy(() -> warden.roleAdministration().grant(admin, reporting.id(), "users.view"))
        .hasMessage("database went away");

    assertThat(aliceMay("users.view")).isFalse();
    assertThat(warden.invalidation().invalidations()).isEmpty();
  }
}
