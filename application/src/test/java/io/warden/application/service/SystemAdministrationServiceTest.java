package io.warden.application.service;

import static io.warden.application.fake.InMemoryWarden.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.warden.application.fake.InMemoryWarden;
import io.warden.application.port.driving.Caller;
import io.warden.application.port.driving.Conflict;
import io.warden.application.port.driving.Forbidden;
import io.warden.application.port.driving.LoginUseCase.LoginCommand;
import io.warden.application.port.driving.LoginUseCase.LoginResult;
import io.warden.application.port.driving.MemberAdministrationUseCase.Member;
import io.warden.application.port.driving.NotFound;
import io.warden.application.port.driving.RoleAdministrationUseCase.CreateRole;
import io.warden.application.port.driving.SystemAdministrationUseCase;
import io.warden.application.port.driving.SystemAdministrationUseCase.CreateUser;
import io.warden.application.port.driving.SystemAdministrationUseCase.UpdateUser;
import io.warden.application.port.driving.TokenPair;
import io.warden.application.port.driving.TokenRefreshUseCase.RefreshResult;
import io.warden.application.port.driving.Unauthenticated;
import io.warden.domain.event.RbacEvent;
import io.warden.domain.model.InvalidValueException;
import io.warden.domain.model.permission.BuiltInPermissions;
import io.warden.domain.model.permission.Permission;
import io.warden.domain.model.permission.PermissionName;
import io.warden.domain.model.role.Role;
import io.warden.domain.model.tenant.Tenant;
import io.warden.domain.model.tenant.TenantId;
import io.warden.domain.model.user.User;
import io.warden.domain.model.user.UserId;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SystemAdministrationServiceTest {
  private final InMemoryWarden warden = new InMemoryWarden();
  private final SystemAdministrationUseCase system = warden.systemAdministration();
  private Caller root;

  @BeforeEach
  void setUp() {
    root = warden.root();
  }

  @Test
  void only_a_system_administrator_may_do_any_of_it() {
    Tenant acme = warden.createTenant("acme");
    User user = warden.createUser("user@example.com");
    warden.addMember(acme, user, "admin");
    Caller tenantAdmin = warden.login("user@example.com");

    List<ThrowingCallable> operations =
        List.of(
            () -> system.createTenant(tenantAdmin, "x", "X"),
            () -> system.addTenantMember(tenantAdmin, acme.id(), user.id(), List.of()),
            () -> system.updateTenant(tenantAdmin, acme.id(), Optional.of("X"), Optional.empty()),
            () -> system.createUser(tenantAdmin, new CreateUser("a@b.cd", PASSWORD, "A", true)),
            () -> system.updateUser(tenantAdmin, user.id(), activeOnly(true)),
            () -> system.permissions(tenantAdmin),
            () -> system.createPermission(tenantAdmin, "x.y", "X"),
            () -> system.deletePermission(tenantAdmin, "x.y"));
    for (ThrowingCallable operation : operations) {
      assertThatThrownBy(operation).isInstanceOf(Forbidden.class);
    }
  }

  @Test
  void a_new_tenant_starts_with_a_system_admin_role_holding_every_built_in_permission() {
    system.createPermission(root, "reports.read", "Read reports");

    Tenant tenant = system.createTenant(root, "acme", "Acme Corp");

    assertThat(tenant.active()).isTrue();
    assertThat(warden.store().lastJournalEntry().event())
        .isEqualTo(new RbacEvent.TenantCreated(tenant.id()));
    Role admin =
        warden.transactions().readInTenant(tenant.id(), () -> warden.roles().findAll()).get(0);
    assertThat(admin.name()).isEqualTo("admin");
    assertThat(admin.system()).isTrue();
    assertThat(admin.permissions())
        .containsExactlyInAnyOrderElementsOf(
            BuiltInPermissions.ALL.stream().map(Permission::name).toList());
  }

  @Test
  void a_tenant_slug_is_unique_and_well_formed() {
    system.createTenant(root, "acme", "Acme");

    assertThatThrownBy(() -> system.createTenant(root, "acme", "Other"))
        .isInstanceOf(Conflict.class);
    assertThatThrownBy(() -> system.createTenant(root, "Not A Slug", "X"))
        .isInstanceOf(InvalidValueException.class)
        .extracting(e -> ((InvalidValueException) e).field())
        .isEqualTo("slug");
    assertThat(warden.transactions().acrossTenants(() -> warden.tenants().findAll())).hasSize(1);
  }

  @Test
  void a_first_administrator_is_added_with_named_roles() {
    Tenant acme = warden.createTenant("acme");
    User user = warden.createUser("first@acme.example");

    Member member = system.addTenantMember(root, acme.id(), user.id(), List.of("admin"));

    assertThat(member.user().id()).isEqualTo(user.id());
    assertThat(member.roles()).extracting(Role::name).containsExactly("admin");
    assertThat(warden.store().lastJournalEntry().event())
        .isEqualTo(new RbacEvent.MemberAdded(acme.id(), user.id()));
    Caller first = warden.login("first@acme.example");
    assertThat(first.tenantId()).contains(acme.id());
    assertThat(warden.authorization().check(first, Optional.empty(), "roles.edit")).isTrue();
  }

  @Test
  void adding_a_member_checks_the_tenant_the_user_the_roles_and_duplicates() {
    Tenant acme = warden.createTenant("acme");
    User user = warden.createUser("u@example.com");

    assertThatThrownBy(() -> system.addTenantMember(root, TenantId.random(), user.id(), null))
        .isInstanceOf(NotFound.class);
    assertThatThrownBy(() -> system.addTenantMember(root, acme.id(), UserId.random(), null))
        .isInstanceOf(NotFound.class);
    assertThatThrownBy(
            () -> system.addTenantMember(root, acme.id(), user.id(), List.of("admin", "ghost")))
        .isInstanceOf(InvalidValueException.class)
        .hasMessage("unknown role: ghost")
        .extracting(e -> ((InvalidValueException) e).field())
        .isEqualTo("roles");
    assertThat(warden.tenantSelection().tenantsOf(warden.login("u@example.com")))
        .as("a refused request adds nothing")
        .isEmpty();

    system.addTenantMember(root, acme.id(), user.id(), null);
    assertThatThrownBy(() -> system.addTenantMember(root, acme.id(), user.id(), List.of()))
        .isInstanceOf(Conflict.class);
  }

  @Test
  void deactivating_a_tenant_stops_its_tokens_at_once() {
    Tenant acme = warden.createTenant("acme");
    warden.addMember(acme, warden.createUser("u@example.com"));
    TokenPair tokens = warden.loginResult("u@example.com").tokens();

    Tenant updated =
        system.updateTenant(root, acme.id(), Optional.of("Acme 2"), Optional.of(false));

    assertThat(updated.name()).isEqualTo("Acme 2");
    assertThat(updated.active()).isFalse();
    assertThat(warden.store().lastJournalEntry().event())
        .isEqualTo(new RbacEvent.TenantChanged(acme.id()));
    assertThatThrownBy(() -> warden.authenticate(tokens)).isInstanceOf(Unauthenticated.class);
    assertThat(warden.tokenRefresh().refresh(tokens.refreshToken()))
        .isInstanceOf(RefreshResult.Refused.class);
    assertThatThrownBy(
            () -> system.updateTenant(root, TenantId.random(), Optional.of("X"), Optional.empty()))
        .isInstanceOf(NotFound.class);

    system.updateTenant(root, acme.id(), Optional.empty(), Optional.of(true));
    assertThat(warden.login("u@example.com").tenantId()).contains(acme.id());
  }

  @Test
  void a_new_user_can_log_in_and_e_mails_are_unique_ignoring_case() {
    User created =
        system.createUser(root, new CreateUser("New@Example.com", PASSWORD, "New", false));

    assertThat(created.email().value()).isEqualTo("new@example.com");
    assertThat(created.passwordHash()).doesNotContain(PASSWORD);
    assertThat(warden.store().lastJournalEntry().event())
        .isEqualTo(new RbacEvent.UserCreated(created.id()));
    assertThat(warden.login("new@example.com").userId()).isEqualTo(created.id());
    assertThatThrownBy(
            () -> system.createUser(root, new CreateUser("NEW@example.com", PASSWORD, "X", false)))
        .isInstanceOf(Conflict.class);
  }

  @Test
  void a_new_user_needs_a_strong_password_a_name_and_an_e_mail() {
    assertThatThrownBy(() -> system.createUser(root, new CreateUser("a@b.cd", "short", "A", false)))
        .isInstanceOf(InvalidValueException.class)
        .extracting(e -> ((InvalidValueException) e).field())
        .isEqualTo("password");
    assertThatThrownBy(
            () -> system.createUser(root, new CreateUser("a@b.cd", PASSWORD, " ", false)))
        .isInstanceOf(InvalidValueException.class)
        .extracting(e -> ((InvalidValueException) e).field())
        .isEqualTo("displayName");
    assertThatThrownBy(() -> system.createUser(root, new CreateUser("nope", PASSWORD, "A", false)))
        .isInstanceOf(InvalidValueException.class)
        .extracting(e -> ((InvalidValueException) e).field())
        .isEqualTo("email");
  }

  @Test
  void deactivating_a_user_stops_every_token_and_login() {
    User user = warden.createUser("u@example.com");
    TokenPair one = warden.loginResult("u@example.com").tokens();
    TokenPair two = warden.loginResult("u@example.com").tokens();
    warden.clock().advance(Duration.ofSeconds(2));

    User updated = system.updateUser(root, user.id(), activeOnly(false));

    assertThat(updated.active()).isFalse();
    assertThat(warden.store().lastJournalEntry().event())
        .isEqualTo(new RbacEvent.UserChanged(user.id()));
    for (TokenPair tokens : List.of(one, two)) {
      assertThatThrownBy(() -> warden.authenticate(tokens)).isInstanceOf(Unauthenticated.class);
      assertThat(warden.tokenRefresh().refresh(tokens.refreshToken()))
          .isInstanceOf(RefreshResult.Refused.class);
    }
    assertThatThrownBy(() -> warden.login("u@example.com")).isInstanceOf(Unauthenticated.class);

    system.updateUser(root, user.id(), activeOnly(true));
    assertThat(warden.login("u@example.com").userId()).isEqualTo(user.id());
    assertThatThrownBy(() -> warden.authenticate(one))
        .as("reactivation does not revive old tokens")
        .isInstanceOf(Unauthenticated.class);
  }

  @Test
  void a_new_password_stops_every_token_and_replaces_the_old_password() {
    User user = warden.createUser("u@example.com");
    TokenPair tokens = warden.loginResult("u@example.com").tokens();
    String newPassword = "an entirely new passphrase";

    system.updateUser(
        root,
        user.id(),
        new UpdateUser(Optional.empty(), Optional.empty(), Optional.of(newPassword)));

    assertThatThrownBy(() -> warden.authenticate(tokens)).isInstanceOf(Unauthenticated.class);
    assertThat(warden.tokenRefresh().refresh(tokens.refreshToken()))
        .isInstanceOf(RefreshResult.Refused.class);
    assertThatThrownBy(() -> warden.login("u@example.com")).isInstanceOf(Unauthenticated.class);
    assertThat(warden.login().login(new LoginCommand("u@example.com", newPassword, "127.0.0.1")))
        .isInstanceOfSatisfying(
            LoginResult.Success.class,
            success -> assertThat(success.user().id()).isEqualTo(user.id()));
    assertThatThrownBy(
            () ->
                system.updateUser(
                    root,
                    user.id(),
                    new UpdateUser(Optional.empty(), Optional.empty(), Optional.of("weak"))))
        .isInstanceOf(InvalidValueException.class);
  }

  @Test
  void a_new_display_name_leaves_tokens_alone() {
    User user = warden.createUser("u@example.com");
    TokenPair tokens = warden.loginResult("u@example.com").tokens();

    User renamed =
        system.updateUser(
            root,
            user.id(),
            new UpdateUser(Optional.of("Renamed"), Optional.empty(), Optional.empty()));

    assertThat(renamed.displayName()).isEqualTo("Renamed");
    assertThat(warden.authenticate(tokens).userId()).isEqualTo(user.id());
    assertThatThrownBy(() -> system.updateUser(root, UserId.random(), activeOnly(false)))
        .isInstanceOf(NotFound.class);
  }

  @Test
  void permissions_are_listed_created_once_and_well_formed() {
    Permission created = system.createPermission(root, "analytics:read:organization", "Analytics");

    assertThat(created.name().value()).isEqualTo("analytics:read:organization");
    assertThat(warden.store().lastJournalEntry().event())
        .isEqualTo(new RbacEvent.PermissionCreated(created.name()));
    assertThat(system.permissions(root))
        .extracting(p -> p.name().value())
        .contains("analytics:read:organization", "users.view");
    assertThat(system.permissions(root)).hasSize(BuiltInPermissions.ALL.size() + 1);
    assertThatThrownBy(() -> system.createPermission(root, "analytics:read:organization", "again"))
        .isInstanceOf(Conflict.class);
    assertThatThrownBy(() -> system.createPermission(root, "Bad-Name", "x"))
        .isInstanceOf(InvalidValueException.class)
        .extracting(e -> ((InvalidValueException) e).field())
        .isEqualTo("name");
  }

  @Test
  void deleting_a_permission_removes_it_from_every_role_of_every_tenant() {
    system.createPermission(root, "reports.read", "Reports");
    Tenant acme = warden.createTenant("acme");
    Tenant globex = warden.createTenant("globex");
    warden.addMember(acme, warden.createUser("a@acme.example"), "admin");
    warden.addMember(globex, warden.createUser("a@globex.example"), "admin");
    Caller acmeAdmin = warden.login("a@acme.example");
    Caller globexAdmin = warden.login("a@globex.example");
    Role acmeRole =
        warden
            .roleAdministration()
            .create(acmeAdmin, new CreateRole("r", "", List.of("reports.read")));
    Role globexRole =
        warden
            .roleAdministration()
            .create(globexAdmin, new CreateRole("r", "", List.of("reports.read", "users.view")));

    system.deletePermission(root, "reports.read");

    assertThat(warden.store().lastJournalEntry().event())
        .isEqualTo(new RbacEvent.PermissionDeleted(new PermissionName("reports.read")));
    assertThat(warden.roleAdministration().get(acmeAdmin, acmeRole.id()).permissions()).isEmpty();
    assertThat(warden.roleAdministration().get(globexAdmin, globexRole.id()).permissions())
        .containsExactly(new PermissionName("users.view"));
    assertThatThrownBy(() -> system.deletePermission(root, "reports.read"))
        .isInstanceOf(NotFound.class);
  }

  @Test
  void a_built_in_permission_cannot_be_deleted() {
    assertThatThrownBy(() -> system.deletePermission(root, "users.view"))
        .isInstanceOf(Conflict.class);
    assertThatThrownBy(() -> system.deletePermission(root, "NOT VALID"))
        .isInstanceOf(InvalidValueException.class);
    assertThat(system.permissions(root)).hasSize(BuiltInPermissions.ALL.size());
  }

  private static UpdateUser activeOnly(boolean active) {
    return new UpdateUser(Optional.empty(), Optional.of(active), Optional.empty());
  }
}
