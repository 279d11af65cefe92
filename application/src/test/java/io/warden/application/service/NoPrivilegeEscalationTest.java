package io.warden.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.warden.application.fake.InMemoryWarden;
import io.warden.application.port.driving.Caller;
import io.warden.application.port.driving.Forbidden;
import io.warden.application.port.driving.MemberAdministrationUseCase;
import io.warden.application.port.driving.MemberAdministrationUseCase.Member;
import io.warden.application.port.driving.RoleAdministrationUseCase;
import io.warden.application.port.driving.RoleAdministrationUseCase.CreateRole;
import io.warden.application.port.driving.RoleAdministrationUseCase.UpdateRole;
import io.warden.domain.model.permission.PermissionSet;
import io.warden.domain.model.role.Role;
import io.warden.domain.model.tenant.Tenant;
import io.warden.domain.model.user.User;
import io.warden.domain.model.user.UserId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Kubernetes RBAC's escalation rule over the fakes: a role editor or assigner can hand out only
 * what they hold, unless they hold {@code roles.escalate} (editing) or {@code roles.bind}
 * (assigning). Every attempt to escalate is refused with the missing permissions named and nothing
 * changed; the built-in admin role and system administrators are not limited.
 */
class NoPrivilegeEscalationTest {
  /** The demo {@code editor} role's permissions: it edits and assigns roles, nothing else. */
  private static final List<String> EDITOR =
      List.of("users.view", "roles.view", "roles.edit", "roles.assign", "authz.check");

  private final InMemoryWarden warden = new InMemoryWarden();
  private final RoleAdministrationUseCase roles = warden.roleAdministration();
  private final MemberAdministrationUseCase members = warden.memberAdministration();
  private Tenant acme;
  private Caller admin;
  private Caller editor;
  private UserId colleague;
  private Role adminRole;
  private Role editorRole;
  private Role managers;
  private Role harmless;

  @BeforeEach
  void setUp() {
    acme = warden.createTenantWithAdmin("acme");
    admin = warden.login("admin@acme.example");
    editorRole = roles.create(admin, new CreateRole("editor", "", EDITOR));
    managers = roles.create(admin, new CreateRole("managers", "", List.of("users.manage")));
    harmless = roles.create(admin, new CreateRole("harmless", "", List.of("users.view")));
    editor = warden.loginAsNewMember(acme, "editor@acme.example", "editor");
    User colleagueUser = warden.createUser("colleague@acme.example");
    warden.addMember(acme, colleagueUser);
    colleague = colleagueUser.id();
    adminRole = roles.list(admin).get(0);
    assertThat(adminRole.name()).isEqualTo("admin");
  }

  @Test
  void the_editor_cannot_escalate_any_way_and_each_attempt_changes_nothing() {
    List<ThrowingCallable> attempts =
        List.of(
            // create a role with a permission it lacks
            () -> roles.create(editor, new CreateRole("mine", "", List.of("users.manage"))),
            // replace a role's set with one it lacks
            () ->
                roles.update(editor, harmless.id(), permissionsOnly("users.view", "cache.manage")),
            // edit the role it holds: that is editing what it grants itself
            () ->
                roles.update(
                    editor, editorRole.id(), permissionsOnly(addTo(EDITOR, "users.manage"))),
            () -> roles.grant(editor, editorRole.id(), "metrics.view"),
            // grant a permission it lacks
            () -> roles.grant(editor, harmless.id(), "users.manage"),
            // grant one it holds to a role that would still grant one it lacks
            () -> roles.grant(editor, managers.id(), "users.view"),
            // rename a role it could not have created
            () -> roles.update(editor, managers.id(), nameOnly("renamed")),
            // make itself and others tenant administrator
            () -> members.assign(editor, adminRole.id(), editor.userId(), Optional.empty()),
            () -> members.assign(editor, adminRole.id(), colleague, Optional.empty()),
            // assign a role granting what it lacks, to itself and to others
            () -> members.assign(editor, managers.id(), editor.userId(), Optional.empty()),
            () -> members.assign(editor, managers.id(), colleague, Optional.empty()));
    Object before = state();
    int journalBefore = warden.store().journal().size();
    warden.invalidation().clear();

    for (ThrowingCallable attempt : attempts) {
      assertThatThrownBy(attempt)
          .isInstanceOf(Forbidden.class)
          .hasMessageStartingWith("you cannot grant permissions you do not hold: ");
    }

    assertThat(state()).isEqualTo(before);
    assertThat(warden.store().journal()).hasSize(journalBefore);
    assertThat(warden.invalidation().invalidations()).isEmpty();
    assertThat(permissionsOf(editor.userId())).isEqualTo(PermissionSet.of(EDITOR));
  }

  @Test
  void the_refusal_names_exactly_what_is_lacking_sorted_and_what_would_lift_it() {
    assertThatThrownBy(
            () ->
                roles.create(
                    editor,
                    new CreateRole("x", "", List.of("users.manage", "roles.edit", "cache.manage"))))
        .hasMessage(
            "you cannot grant permissions you do not hold: cache.manage, users.manage"
                + " (or hold roles.escalate)");
    assertThatThrownBy(
            () -> members.assign(editor, adminRole.id(), editor.userId(), Optional.empty()))
        .hasMessage(
            "you cannot grant permissions you do not hold: audit.view, cache.manage, metrics.view,"
                + " orgs.manage, orgs.view, roles.bind, roles.escalate, users.manage (or hold"
                + " roles.bind)");
  }

  @Test
  void assigning_a_role_then_editing_it_cannot_escalate_either() {
    Role own = roles.create(editor, new CreateRole("own", "", List.of("users.view")));
    members.assign(editor, own.id(), editor.userId(), Optional.empty());
    members.assign(editor, own.id(), colleague, Optional.empty());

    assertThatThrownBy(() -> roles.grant(editor, own.id(), "users.manage"))
        .isInstanceOf(Forbidden.class);
    assertThatThrownBy(() -> roles.update(editor, own.id(), permissionsOnly("users.manage")))
        .isInstanceOf(Forbidden.class);

    assertThat(roles.get(editor, own.id()).permissions()).isEqualTo(own.permissions());
    assertThat(permissionsOf(colleague)).isEqualTo(PermissionSet.of("users.view"));
  }

  @Test
  void what_the_editor_holds_it_may_hand_out() {
    Role sub = roles.create(editor, new CreateRole("sub", "", List.of("users.view", "roles.view")));
    roles.grant(editor, sub.id(), "authz.check");
    roles.update(editor, sub.id(), permissionsOnly("users.view", "roles.edit"));
    roles.update(editor, editorRole.id(), nameOnly("editors"));
    members.assign(editor, sub.id(), colleague, Optional.empty());
    members.assign(editor, editorRole.id(), colleague, Optional.empty());

    assertThat(permissionsOf(colleague)).isEqualTo(PermissionSet.of(EDITOR));
  }

  @Test
  void taking_away_is_never_escalation() {
    members.assign(admin, managers.id(), colleague, Optional.empty());

    assertThatCode(
            () -> {
              roles.revoke(editor, managers.id(), "users.manage");
              members.unassign(editor, managers.id(), colleague);
              roles.delete(editor, managers.id());
            })
        .doesNotThrowAnyException();
  }

  @Test
  void roles_escalate_lifts_the_rule_for_editing_only() {
    Role escalators =
        roles.create(admin, new CreateRole("escalators", "", addTo(EDITOR, "roles.escalate")));
    members.assign(admin, escalators.id(), colleague, Optional.empty());
    Caller escalator = warden.loginTo(acme, "colleague@acme.example");

    Role made = roles.create(escalator, new CreateRole("made", "", List.of("users.manage")));
    roles.grant(escalator, harmless.id(), "cache.manage");
    roles.update(escalator, editorRole.id(), permissionsOnly(addTo(EDITOR, "metrics.view")));

    assertThat(roles.get(admin, made.id()).permissions()).hasSize(1);
    assertThatThrownBy(() -> members.assign(escalator, made.id(), colleague, Optional.empty()))
        .isInstanceOf(Forbidden.class)
        .hasMessage(
            "you cannot grant permissions you do not hold: users.manage (or hold roles.bind)");
    assertThatThrownBy(() -> members.assign(escalator, adminRole.id(), colleague, Optional.empty()))
        .isInstanceOf(Forbidden.class);
  }

  @Test
  void roles_bind_lifts_the_rule_for_assigning_only() {
    Role binders = roles.create(admin, new CreateRole("binders", "", addTo(EDITOR, "roles.bind")));
    members.assign(admin, binders.id(), colleague, Optional.empty());
    Caller binder = warden.loginTo(acme, "colleague@acme.example");

    members.assign(binder, managers.id(), editor.userId(), Optional.empty());
    members.assign(binder, adminRole.id(), colleague, Optional.empty());
    assertThat(permissionsOf(colleague).allows("roles.escalate")).isTrue();

    Role other = roles.create(admin, new CreateRole("other", "", List.of("roles.bind")));
    members.assign(admin, other.id(), editor.userId(), Optional.empty());
    Caller editorBinder = warden.loginTo(acme, "editor@acme.example");
    assertThatThrownBy(
            () -> roles.create(editorBinder, new CreateRole("m", "", List.of("cache.manage"))))
        .isInstanceOf(Forbidden.class)
        .hasMessageEndingWith("(or hold roles.escalate)");
  }

  @Test
  void the_tenant_admin_and_a_system_administrator_are_not_limited() {
    Caller root = warden.loginTo(acme, InMemoryWarden.ROOT_EMAIL);
    for (Caller unlimited : List.of(admin, root)) {
      Role role =
          roles.create(
              unlimited, new CreateRole("r-" + unlimited.userId(), "", List.of("users.manage")));
      roles.grant(unlimited, role.id(), "metrics.view");
      members.assign(unlimited, adminRole.id(), colleague, Optional.empty());
      members.unassign(unlimited, adminRole.id(), colleague);
    }
    assertThat(adminRole.permissions())
        .extracting(Object::toString)
        .contains("roles.escalate", "roles.bind");
  }

  private PermissionSet permissionsOf(UserId user) {
    return warden.effectivePermissions().of(acme.id(), user).permissions();
  }

  /** The roles with their permissions, and every member's roles: what an escalation would touch. */
  private Object state() {
    Map<String, Object> roleSets =
        roles.list(admin).stream().collect(Collectors.toMap(Role::name, Role::permissions));
    Map<UserId, List<String>> held =
        members.list(admin, 500, Optional.empty()).items().stream()
            .collect(
                Collectors.toMap(
                    m -> m.user().id(), (Member m) -> m.roles().stream().map(Role::name).toList()));
    return List.of(roleSets, held);
  }

  private static List<String> addTo(List<String> names, String more) {
    return java.util.stream.Stream.concat(names.stream(), java.util.stream.Stream.of(more))
        .toList();
  }

  private static UpdateRole permissionsOnly(String... names) {
    return permissionsOnly(List.of(names));
  }

  private static UpdateRole permissionsOnly(List<String> names) {
    return new UpdateRole(Optional.empty(), Optional.empty(), Optional.of(names));
  }

  private static UpdateRole nameOnly(String name) {
    return new UpdateRole(Optional.of(name), Optional.empty(), Optional.empty());
  }
}
