package io.warden.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.warden.application.fake.InMemoryWarden;
import io.warden.application.port.driving.Caller;
import io.warden.application.port.driving.Conflict;
import io.warden.application.port.driving.Forbidden;
import io.warden.application.port.driving.InvitationUseCase;
import io.warden.application.port.driving.InvitationUseCase.Invite;
import io.warden.application.port.driving.InvitationUseCase.PendingInvitation;
import io.warden.application.port.driving.NotFound;
import io.warden.application.port.driving.RoleAdministrationUseCase.CreateRole;
import io.warden.application.port.driving.RoleAdministrationUseCase.UpdateRole;
import io.warden.domain.event.RbacEvent;
import io.warden.domain.model.InvalidValueException;
import io.warden.domain.model.role.Role;
import io.warden.domain.model.role.RoleId;
import io.warden.domain.model.tenant.Tenant;
import io.warden.domain.model.user.InvitationId;
import io.warden.domain.model.user.User;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class InvitationServiceTest {
  private final InMemoryWarden warden = new InMemoryWarden();
  private final InvitationUseCase invitations = warden.useCases().invitations();
  private Tenant acme;
  private Tenant globex;
  private Caller admin;
  private Caller hr;
  private Caller plain;
  private Caller globexAdmin;
  private Role viewers;
  private Role editors;
  private Role hrRole;
  private User invitee;

  @BeforeEach
  void setUp() {
    acme = warden.createTenantWithAdmin("acme");
    globex = warden.createTenantWithAdmin("globex");
    admin = warden.login("admin@acme.example");
    plain = warden.loginAsNewMember(acme, "plain@acme.example");
    globexAdmin = warden.login("admin@globex.example");
    viewers = createRole("viewers", "users.view");
    editors = createRole("editors", "roles.edit");
    // Manages members and assigns roles, but may hand out only what it holds (no roles.bind).
    hrRole = createRole("hr", "users.manage", "roles.assign", "users.view");
    hr = warden.loginAsNewMember(acme, "hr@acme.example", "hr");
    invitee = warden.createUser("Invitee@Example.com");
  }

  @Test
  void inviting_needs_users_manage_and_a_tenant() {
    assertThatThrownBy(() -> invitations.invite(plain, invite("x@example.com")))
        .isInstanceOf(Forbidden.class)
        .hasMessageContaining("users.manage");
    Caller tenantless = warden.root();
    assertThatThrownBy(() -> invitations.invite(tenantless, invite("x@example.com")))
        .isInstanceOf(Forbidden.class);
  }

  @Test
  void inviting_reads_no_user_and_changes_nothing_else_whether_or_not_the_address_has_an_account() {
    int journal = warden.store().journal().size();
    int invalidations = warden.invalidation().invalidations().size();

    InvitationId existing = invitations.invite(admin, invite("invitee@example.com"));
    InvitationId unknown = invitations.invite(admin, invite("nobody@example.com"));
    InvitationId member = invitations.invite(admin, invite("plain@acme.example"));

    assertThat(List.of(existing, unknown, member)).doesNotHaveDuplicates();
    assertThat(warden.store().journal()).hasSize(journal);
    assertThat(warden.invalidation().invalidations()).hasSize(invalidations);
  }

  @Test
  void the_addressee_lists_accepts_and_becomes_a_member_with_the_roles() {
    InvitationId id = invitations.invite(admin, new Invite("INVITEE@example.com", roles(viewers)));
    Caller me = warden.login("invitee@example.com");

    List<PendingInvitation> pending = invitations.pending(me);
    assertThat(pending)
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.id()).isEqualTo(id);
              assertThat(p.tenant()).isEqualTo(acme);
              assertThat(p.invitedBy().email().value()).isEqualTo("admin@acme.example");
              assertThat(p.expiresAt()).isEqualTo(p.createdAt().plus(Duration.ofDays(7)));
            });

    invitations.accept(me, id);

    assertThat(warden.store().journal().stream().map(e -> e.event()).toList())
        .endsWith(
            new RbacEvent.MemberAdded(acme.id(), invitee.id()),
            new RbacEvent.RoleAssigned(acme.id(), invitee.id(), viewers.id()));
    Caller member = warden.loginTo(acme, "invitee@example.com");
    assertThat(warden.authorization().check(member, Optional.empty(), "users.view")).isTrue();
    assertThat(invitations.pending(me)).isEmpty();
    assertThatThrownBy(() -> invitations.accept(me, id)).isInstanceOf(NotFound.class);
  }

  @Test
  void another_user_neither_sees_nor_accepts_nor_declines_it() {
    InvitationId id = invitations.invite(admin, invite("invitee@example.com"));
    Caller someoneElse = warden.login("plain@acme.example");

    assertThat(invitations.pending(someoneElse)).isEmpty();
    assertThatThrownBy(() -> invitations.accept(someoneElse, id)).isInstanceOf(NotFound.class);
    assertThatThrownBy(() -> invitations.dismiss(someoneElse, id)).isInstanceOf(NotFound.class);
    assertThatThrownBy(() -> invitations.accept(someoneElse, InvitationId.random()))
        .isInstanceOf(NotFound.class);
    assertThat(invitations.pending(warden.login("invitee@example.com"))).hasSize(1);
  }

  @Test
  void an_expired_invitation_is_gone() {
    InvitationId id = invitations.invite(admin, invite("invitee@example.com"));
    warden.clock().advance(Duration.ofDays(7));
    Caller me = warden.login("invitee@example.com");

    assertThat(invitations.pending(me)).isEmpty();
    assertThatThrownBy(() -> invitations.accept(me, id)).isInstanceOf(NotFound.class);
  }

  @Test
  void a_member_already_gets_a_conflict_and_keeps_the_invitation() {
    InvitationId id = invitations.invite(admin, invite("plain@acme.example"));

    assertThatThrownBy(() -> invitations.accept(plain, id)).isInstanceOf(Conflict.class);
    invitations.dismiss(plain, id);
    assertThat(invitations.pending(plain)).isEmpty();
  }

  @Test
  void the_tenants_users_manage_holder_revokes_and_another_tenants_cannot() {
    InvitationId id = invitations.invite(admin, invite("invitee@example.com"));

    assertThatThrownBy(() -> invitations.dismiss(globexAdmin, id)).isInstanceOf(NotFound.class);
    assertThatThrownBy(() -> invitations.dismiss(plain, id)).isInstanceOf(NotFound.class);
    invitations.dismiss(hr, id);
    assertThatThrownBy(() -> invitations.dismiss(admin, id)).isInstanceOf(NotFound.class);
    assertThat(invitations.pending(warden.login("invitee@example.com"))).isEmpty();
  }

  @Test
  void naming_roles_needs_roles_assign_and_no_escalation() {
    Role managers = createRole("managers", "users.manage");
    User manager = warden.createUser("manager@acme.example");
    warden.addMember(acme, manager, "managers");
    Caller onlyManage = warden.login("manager@acme.example");
    assertThatThrownBy(
            () -> invitations.invite(onlyManage, new Invite("x@example.com", roles(viewers))))
        .isInstanceOf(Forbidden.class)
        .hasMessageContaining("roles.assign");
    assertThat(invitations.invite(onlyManage, invite("x@example.com"))).isNotNull();

    assertThatThrownBy(() -> invitations.invite(hr, new Invite("x@example.com", roles(editors))))
        .isInstanceOf(Forbidden.class)
        .hasMessageContaining("roles.edit");
    assertThatThrownBy(
            () -> invitations.invite(hr, new Invite("x@example.com", roles(managers, editors))))
        .isInstanceOf(Forbidden.class);
    assertThat(invitations.invite(hr, new Invite("x@example.com", roles(viewers)))).isNotNull();
    assertThat(invitations.invite(admin, new Invite("y@example.com", roles(editors)))).isNotNull();
  }

  @Test
  void the_escalation_rule_is_checked_again_when_accepting() {
    InvitationId id = invitations.invite(hr, new Invite("invitee@example.com", roles(viewers)));
    // The inviter no longer holds users.view: accepting would hand out more than they hold.
    warden
        .roleAdministration()
        .update(
            admin,
            hrRole.id(),
            new UpdateRole(
                Optional.empty(),
                Optional.empty(),
                Optional.of(List.of("users.manage", "roles.assign")),
                Optional.empty()));
    Caller me = warden.login("invitee@example.com");
    int journal = warden.store().journal().size();

    assertThatThrownBy(() -> invitations.accept(me, id))
        .isInstanceOf(Forbidden.class)
        .hasMessageContaining("users.view");
    assertThat(warden.store().journal()).hasSize(journal);
    assertThat(warden.tenantSelection().tenantsOf(me)).isEmpty();
  }

  @Test
  void an_inviter_who_lost_users_manage_invites_no_one() {
    InvitationId id = invitations.invite(hr, invite("invitee@example.com"));
    warden.memberAdministration().unassign(admin, hrRole.id(), hr.userId());

    assertThatThrownBy(() -> invitations.accept(warden.login("invitee@example.com"), id))
        .isInstanceOf(Forbidden.class);
  }

  @Test
  void bad_inputs_are_refused() {
    for (String email : new String[] {"not-mail", "", "a@b"}) {
      assertThatThrownBy(() -> invitations.invite(admin, invite(email)))
          .isInstanceOf(InvalidValueException.class);
    }
    assertThatThrownBy(() -> invitations.invite(admin, invite(null)))
        .isInstanceOf(InvalidValueException.class);
    assertThatThrownBy(
            () -> invitations.invite(admin, new Invite("x@example.com", Set.of(RoleId.random()))))
        .isInstanceOf(InvalidValueException.class)
        .extracting(e -> ((InvalidValueException) e).field())
        .isEqualTo("roleIds");
    Role foreign =
        warden.roleAdministration().create(globexAdmin, new CreateRole("g", "", List.of()));
    assertThatThrownBy(() -> invitations.invite(admin, new Invite("x@example.com", roles(foreign))))
        .isInstanceOf(InvalidValueException.class);
  }

  @Test
  void a_new_invitation_replaces_the_pending_one() {
    InvitationId first = invitations.invite(admin, invite("invitee@example.com"));
    InvitationId second = invitations.invite(hr, invite("invitee@example.com"));
    Caller me = warden.login("invitee@example.com");

    assertThat(invitations.pending(me)).extracting(PendingInvitation::id).containsExactly(second);
    assertThatThrownBy(() -> invitations.accept(me, first)).isInstanceOf(NotFound.class);
  }

  private Role createRole(String name, String... permissions) {
    return warden
        .roleAdministration()
        .create(admin, new CreateRole(name, "", List.of(permissions)));
  }

  private static Invite invite(String email) {
    return new Invite(email, Set.of());
  }

  private static Set<RoleId> roles(Role... roles) {
    return Arrays.stream(roles).map(Role::id).collect(Collectors.toSet());
  }
}
