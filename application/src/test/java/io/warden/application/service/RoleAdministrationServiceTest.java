package io.warden.application.service;

import static io.warden.application.service.ChangeAssertions.assertJournaledAndAnnouncedAfterCommit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.warden.application.fake.InMemoryStore.JournalEntry;
import io.warden.application.fake.InMemoryWarden;
import io.warden.application.port.driving.Caller;
import io.warden.application.port.driving.Conflict;
import io.warden.application.port.driving.Forbidden;
import io.warden.application.port.driving.NotFound;
import io.warden.application.port.driving.RoleAdministrationUseCase;
import io.warden.application.port.driving.RoleAdministrationUseCase.CreateRole;
import io.warden.application.port.driving.RoleAdministrationUseCase.UpdateRole;
import io.warden.domain.event.InvalidationScope;
import io.warden.domain.event.RbacEvent;
import io.warden.domain.model.InvalidValueException;
import io.warden.domain.model.permission.PermissionName;
import io.warden.domain.model.role.Role;
import io.warden.domain.model.role.RoleId;
import io.warden.domain.model.tenant.Tenant;
import java.util.List;
import java.util.Optional;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RoleAdministrationServiceTest {
  private final InMemoryWarden warden = new InMemoryWarden();
  private final RoleAdministrationUseCase roles = warden.roleAdministration();
  private Tenant acme;
  private Caller admin;
  private Caller viewer;
  private Caller plain;
  private Caller globexAdmin;

  @BeforeEach
  void setUp() {
    acme = warden.createTenantWithAdmin("acme");
    Tenant globex = warden.createTenantWithAdmin("globex");
    admin = warden.login("admin@acme.example");
    globexAdmin = warden.login("admin@globex.example");
    Role viewers = roles.create(admin, new CreateRole("viewers", null, List.of("roles.view")));
    viewer = warden.loginAsNewMember(acme, "viewer@acme.example", "viewers");
    plain = warden.loginAsNewMember(acme, "plain@acme.example");
    assertThat(viewers.system()).isFalse();
  }

  @Test
  void viewing_needs_roles_view_and_editing_needs_roles_edit() {
    assertThat(roles.list(viewer)).extracting(Role::name).containsExactly("admin", "viewers");
    assertThatThrownBy(() -> roles.list(plain)).isInstanceOf(Forbidden.class);
    RoleId someRole = roles.list(viewer).get(1).id();
    assertThatThrownBy(() -> roles.get(plain, someRole)).isInstanceOf(Forbidden.class);

    List<ThrowingCallable> edits =
        List.of(
            () -> roles.create(viewer, new CreateRole("x", "", List.of())),
            () -> roles.update(viewer, someRole, nameOnly("y")),
            () -> roles.grant(viewer, someRole, "users.view"),
            () -> roles.revoke(viewer, someRole, "roles.view"),
            () -> roles.delete(viewer, someRole));
    for (ThrowingCallable edit : edits) {
      assertThatThrownBy(edit).isInstanceOf(Forbidden.class);
    }
    assertThat(roles.get(viewer, someRole).permissions())
        .containsExactly(new PermissionName("roles.view"));
  }

  @Test
  void create_records_the_change_and_evicts_the_tenant_after_commit() {
    warden.invalidation().clear();

    Role created =
        roles.create(
            admin, new CreateRole("auditors", "Read-only", List.of("users.view", "roles.view")));

    assertThat(created.tenantId()).isEqualTo(acme.id());
    assertThat(created.description()).isEqualTo("Read-only");
    assertThat(roles.get(admin, created.id())).isEqualTo(created);
    assertJournaledAndAnnouncedAfterCommit(
        warden,
        new RbacEvent.RoleCreated(acme.id(), created.id()),
        new InvalidationScope.WholeTenant(acme.id()));
  }

  @Test
  void unknown_or_malformed_permissions_are_invalid_and_change_nothing() {
    int journalBefore = warden.store().journal().size();
    warden.invalidation().clear();

    assertThatThrownBy(
            () -> roles.create(admin, new CreateRole("a", "", List.of("users.view", "no.such"))))
        .isInstanceOf(InvalidValueException.class)
        .hasMessage("unknown permission: no.such")
        .extracting(e -> ((InvalidValueException) e).field())
        .isEqualTo("permissions");
    assertThatThrownBy(() -> roles.create(admin, new CreateRole("a", "", List.of("Bad Name"))))
        .isInstanceOf(InvalidValueException.class)
        .extracting(e -> ((InvalidValueException) e).field())
        .isEqualTo("permissions");
    assertThatThrownBy(() -> roles.create(admin, new CreateRole("a", "", null)))
        .isInstanceOf(InvalidValueException.class);
    assertThatThrownBy(() -> roles.create(admin, new CreateRole(" ", "", List.of())))
        .isInstanceOf(InvalidValueException.class)
        .extracting(e -> ((InvalidValueException) e).field())
        .isEqualTo("name");

    assertThat(roles.list(admin)).extracting(Role::name).containsExactly("admin", "viewers");
    assertThat(warden.store().journal()).hasSize(journalBefore);
    assertThat(warden.invalidation().invalidations()).isEmpty();
  }

  @Test
  void a_duplicate_name_is_a_conflict_but_other_tenants_may_reuse_it() {
    assertThatThrownBy(() -> roles.create(admin, new CreateRole("viewers", "", List.of())))
        .isInstanceOf(Conflict.class);

    assertThat(roles.create(globexAdmin, new CreateRole("viewers", "", List.of())).name())
        .isEqualTo("viewers");
  }

  @Test
  void a_role_of_another_tenant_is_not_found_for_every_operation() {
    Role theirs = roles.create(globexAdmin, new CreateRole("secret", "", List.of("users.view")));

    List<ThrowingCallable> operations =
        List.of(
            () -> roles.get(admin, theirs.id()),
            () -> roles.update(admin, theirs.id(), nameOnly("stolen")),
            () -> roles.grant(admin, theirs.id(), "roles.edit"),
            () -> roles.revoke(admin, theirs.id(), "users.view"),
            () -> roles.delete(admin, theirs.id()),
            () -> roles.get(admin, RoleId.random()));
    for (ThrowingCallable operation : operations) {
      assertThatThrownBy(operation).isInstanceOf(NotFound.class);
    }
    assertThat(roles.get(globexAdmin, theirs.id())).isEqualTo(theirs);
  }

  @Test
  void update_changes_only_what_is_given_and_replaces_the_permission_set() {
    Role role =
        roles.create(
            admin, new CreateRole("ops", "Operators", List.of("users.view", "roles.view")));

    Role renamed = roles.update(admin, role.id(), nameOnly("operators"));
    assertThat(renamed.description()).isEqualTo("Operators");
    assertThat(renamed.permissions()).hasSize(2);

    Role replaced =
        roles.update(
            admin,
            role.id(),
            new UpdateRole(
                Optional.empty(), Optional.of("New"), Optional.of(List.of("roles.edit"))));
    assertThat(replaced.name()).isEqualTo("operators");
    assertThat(replaced.description()).isEqualTo("New");
    assertThat(replaced.permissions()).containsExactly(new PermissionName("roles.edit"));
    assertThat(roles.get(admin, role.id())).isEqualTo(replaced);
    assertThat(warden.store().lastJournalEntry().event())
        .isEqualTo(new RbacEvent.RoleChanged(acme.id(), role.id()));

    assertThatThrownBy(() -> roles.update(admin, role.id(), nameOnly("viewers")))
        .isInstanceOf(Conflict.class);
    assertThatThrownBy(
            () ->
                roles.update(
                    admin,
                    role.id(),
                    new UpdateRole(
                        Optional.empty(), Optional.empty(), Optional.of(List.of("nope.nope")))))
        .isInstanceOf(InvalidValueException.class);
    assertThat(roles.get(admin, role.id())).isEqualTo(replaced);
  }

  @Test
  void an_update_that_changes_nothing_records_nothing() {
    Role role = roles.create(admin, new CreateRole("ops", "", List.of("users.view")));
    int before = warden.store().journal().size();

    roles.update(admin, role.id(), nameOnly("ops"));

    assertThat(warden.store().journal()).hasSize(before);
  }

  @Test
  void grant_and_revoke_are_idempotent_and_record_only_real_changes() {
    Role role = roles.create(admin, new CreateRole("ops", "", List.of()));
    int before = warden.store().journal().size();

    roles.grant(admin, role.id(), "users.view");
    roles.grant(admin, role.id(), "users.view");
    assertThat(roles.get(admin, role.id()).permissions())
        .containsExactly(new PermissionName("users.view"));
    assertThat(warden.store().journal()).hasSize(before + 1);

    roles.revoke(admin, role.id(), "users.view");
    roles.revoke(admin, role.id(), "users.view");
    roles.revoke(admin, role.id(), "never.defined");
    assertThat(roles.get(admin, role.id()).permissions()).isEmpty();
    assertThat(warden.store().journal()).hasSize(before + 2);
  }

  @Test
  void granting_an_unknown_or_malformed_permission_is_invalid() {
    Role role = roles.create(admin, new CreateRole("ops", "", List.of()));

    assertThatThrownBy(() -> roles.grant(admin, role.id(), "no.such"))
        .isInstanceOf(InvalidValueException.class)
        .hasMessage("unknown permission: no.such");
    assertThatThrownBy(() -> roles.grant(admin, role.id(), "NO"))
        .isInstanceOf(InvalidValueException.class);
    assertThatThrownBy(() -> roles.revoke(admin, role.id(), "NO"))
        .isInstanceOf(InvalidValueException.class);
  }

  @Test
  void the_system_role_is_read_only() {
    Role system = roles.list(admin).get(0);
    assertThat(system.system()).isTrue();
    assertThat(system.name()).isEqualTo("admin");

    List<ThrowingCallable> edits =
        List.of(
            () -> roles.update(admin, system.id(), nameOnly("root")),
            () -> roles.grant(admin, system.id(), "users.view"),
            () -> roles.revoke(admin, system.id(), "users.view"),
            () -> roles.delete(admin, system.id()));
    for (ThrowingCallable edit : edits) {
      assertThatThrownBy(edit).isInstanceOf(Conflict.class);
    }
    assertThat(roles.get(admin, system.id())).isEqualTo(system);
  }

  @Test
  void delete_removes_the_role_and_records_it() {
    Role role = roles.create(admin, new CreateRole("ops", "", List.of("users.view")));

    roles.delete(admin, role.id());

    assertThatThrownBy(() -> roles.get(admin, role.id())).isInstanceOf(NotFound.class);
    assertThatThrownBy(() -> roles.delete(admin, role.id())).isInstanceOf(NotFound.class);
    assertThat(warden.store().journal().stream().map(JournalEntry::event))
        .contains(new RbacEvent.RoleDeleted(acme.id(), role.id()));
  }

  private static UpdateRole nameOnly(String name) {
    return new UpdateRole(Optional.of(name), Optional.empty(), Optional.empty());
  }
}
