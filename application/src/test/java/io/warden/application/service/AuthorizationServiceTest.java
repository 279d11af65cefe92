package io.warden.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.warden.application.fake.InMemoryWarden;
import io.warden.application.port.driving.AuthorizationUseCase;
import io.warden.application.port.driving.AuthorizationUseCase.CheckItem;
import io.warden.application.port.driving.AuthorizationUseCase.CheckResult;
import io.warden.application.port.driving.AuthorizationUseCase.Explanation;
import io.warden.application.port.driving.AuthorizationUseCase.Me;
import io.warden.application.port.driving.Caller;
import io.warden.application.port.driving.Forbidden;
import io.warden.application.port.driving.RoleAdministrationUseCase;
import io.warden.application.port.driving.RoleAdministrationUseCase.CreateRole;
import io.warden.domain.model.InvalidValueException;
import io.warden.domain.model.permission.PermissionSet;
import io.warden.domain.model.role.Role;
import io.warden.domain.model.tenant.Tenant;
import io.warden.domain.model.user.User;
import io.warden.domain.model.user.UserId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AuthorizationServiceTest {
  private final InMemoryWarden warden = new InMemoryWarden();
  private final AuthorizationUseCase authz = warden.authorization();
  private Tenant acme;
  private Tenant globex;
  private User alice;
  private User bob;
  private User carol;
  private Caller admin;
  private Role reporting;

  @BeforeEach
  void setUp() {
    acme = warden.createTenant("acme");
    globex = warden.createTenant("globex");
    warden.systemAdministration().createPermission(warden.root(), "reports.read", "Read reports");
    User adminUser = warden.createUser("admin@acme.example");
    alice = warden.createUser("alice@example.com");
    bob = warden.createUser("bob@example.com");
    carol = warden.createUser("carol@example.com");
    warden.addMember(acme, adminUser, "admin");
    warden.addMember(acme, alice);
    warden.addMember(acme, bob);
    warden.addMember(globex, carol, "admin");
    admin = warden.login("admin@acme.example");
    reporting =
        warden
            .roleAdministration()
            .create(admin, new CreateRole("reporting", "", List.of("reports.read", "users.view")));
    warden.memberAdministration().assign(admin, reporting.id(), alice.id(), Optional.empty());
  }

  private Caller alice() {
    return warden.login("alice@example.com");
  }

  @Test
  void a_member_checks_their_own_permissions_without_any_permission() {
    Caller alice = alice();

    assertThat(authz.check(alice, Optional.empty(), "reports.read")).isTrue();
    assertThat(authz.check(alice, Optional.of(alice.userId()), "users.view")).isTrue();
    assertThat(authz.check(alice, Optional.empty(), "roles.edit")).isFalse();
    assertThat(authz.check(alice, Optional.empty(), "never.defined")).isFalse();
  }

  @Test
  void a_malformed_permission_is_invalid_input() {
    assertThatThrownBy(() -> authz.check(alice(), Optional.empty(), "Not A Name"))
        .isInstanceOf(InvalidValueException.class)
        .extracting(e -> ((InvalidValueException) e).field())
        .isEqualTo("permission");
    assertThatThrownBy(() -> authz.check(alice(), Optional.empty(), null))
        .isInstanceOf(InvalidValueException.class);
  }

  @Test
  void checking_another_user_needs_authz_check() {
    Caller alice = alice();

    assertThatThrownBy(() -> authz.check(alice, Optional.of(bob.id()), "users.view"))
        .isInstanceOf(Forbidden.class);
    assertThat(authz.check(admin, Optional.of(alice.userId()), "reports.read")).isTrue();
    assertThat(authz.check(admin, Optional.of(bob.id()), "reports.read")).isFalse();
  }

  @Test
  void a_user_of_another_tenant_holds_nothing_here() {
    assertThat(authz.check(admin, Optional.of(carol.id()), "users.view")).isFalse();
    assertThat(authz.permissionsOf(admin, carol.id()).isEmpty()).isTrue();
  }

  @Test
  void a_tenant_less_token_cannot_check() {
    warden.addMember(globex, alice);
    Caller tenantLess = alice();
    assertThat(tenantLess.tenantId()).isEmpty();

    assertThatThrownBy(() -> authz.check(tenantLess, Optional.empty(), "users.view"))
        .isInstanceOf(Forbidden.class);
    assertThatThrownBy(() -> authz.me(tenantLess)).isInstanceOf(Forbidden.class);
  }

  @Test
  void an_expired_assignment_grants_nothing_once_the_clock_passes_it() {
    warden
        .memberAdministration()
        .assign(
            admin,
            reporting.id(),
            bob.id(),
            Optional.of(warden.clock().instant().plus(Duration.ofHours(1))));
    Caller bob = warden.login("bob@example.com");
    assertThat(authz.check(bob, Optional.empty(), "reports.read")).isTrue();

    warden.clock().advance(Duration.ofHours(1));

    assertThat(authz.check(bob, Optional.empty(), "reports.read")).isFalse();
    assertThat(authz.me(bob).roles()).isEmpty();
  }

  @Test
  void a_batch_answers_in_order_with_the_callers_load_then_one_for_everyone_else() {
    int singleBefore = warden.effectivePermissions().singleLoads();
    int batchBefore = warden.effectivePermissions().batchLoads();

    List<CheckResult> results =
        authz.checkBatch(
            admin,
            List.of(
                new CheckItem("reports.read", Optional.of(alice.id())),
                new CheckItem("reports.read", Optional.of(bob.id())),
                new CheckItem("roles.edit", Optional.empty()),
                new CheckItem("users.view", Optional.of(alice.id())),
                new CheckItem("undefined.thing", Optional.of(alice.id()))));

    assertThat(results)
        .extracting(CheckResult::permission, CheckResult::userId, CheckResult::allowed)
        .containsExactly(
            tuple("reports.read", alice.id(), true),
            tuple("reports.read", bob.id(), false),
            tuple("roles.edit", admin.userId(), true),
            tuple("users.view", alice.id(), true),
            tuple("undefined.thing", alice.id(), false));
    assertThat(results).allSatisfy(r -> assertThat(r.error()).isEmpty());
    assertThat(warden.effectivePermissions().batchLoads() - batchBefore).isEqualTo(1);
    assertThat(warden.effectivePermissions().singleLoads() - singleBefore).isEqualTo(1);
  }

  @Test
  void a_batch_authorizes_before_it_loads_anyone_else() {
    Caller bob = warden.login("bob@example.com");
    List<CheckItem> items = new ArrayList<>();
    items.add(new CheckItem("reports.read", Optional.empty()));
    for (int i = 0; i < 50; i++) {
      items.add(new CheckItem("reports.read", Optional.of(UserId.random())));
    }
    items.add(new CheckItem("reports.read", Optional.of(alice.id())));
    int before = warden.effectivePermissions().loadedUsers().size();

    List<CheckResult> results = authz.checkBatch(bob, items);

    assertThat(results.subList(1, results.size()))
        .allSatisfy(
            r -> {
              assertThat(r.allowed()).isFalse();
              assertThat(r.error()).contains(AuthorizationService.FORBIDDEN_ITEM);
            });
    List<UserId> loaded = warden.effectivePermissions().loadedUsers();
    assertThat(loaded.subList(before, loaded.size()))
        .as("only the caller's own set was read")
        .containsExactly(bob.userId());
  }

  @Test
  void a_batch_with_authz_check_loads_the_others_once_and_no_malformed_items_subjects() {
    UserId stranger = UserId.random();
    UserId malformedOnly = UserId.random();
    int before = warden.effectivePermissions().loadedUsers().size();

    authz.checkBatch(
        admin,
        List.of(
            new CheckItem("reports.read", Optional.of(alice.id())),
            new CheckItem("reports.read", Optional.of(stranger)),
            new CheckItem("users.view", Optional.of(alice.id())),
            new CheckItem("NOT A NAME", Optional.of(malformedOnly))));

    List<UserId> loaded = warden.effectivePermissions().loadedUsers();
    assertThat(loaded.subList(before, loaded.size()))
        .containsExactly(admin.userId(), alice.id(), stranger);
  }

  @Test
  void a_permissions_batch_authorizes_before_it_loads_anyone() {
    Caller bob = warden.login("bob@example.com");
    int before = warden.effectivePermissions().loadedUsers().size();

    assertThatThrownBy(
            () -> authz.permissionsOf(bob, List.of(alice.id(), UserId.random(), UserId.random())))
        .isInstanceOf(Forbidden.class);

    List<UserId> loaded = warden.effectivePermissions().loadedUsers();
    assertThat(loaded.subList(before, loaded.size())).containsExactly(bob.userId());
  }

  @Test
  void an_item_that_cannot_be_evaluated_does_not_fail_the_batch() {
    Caller alice = alice();

    List<CheckResult> results =
        authz.checkBatch(
            alice,
            List.of(
                new CheckItem("reports.read", Optional.empty()),
                new CheckItem("reports.read", Optional.of(bob.id())),
                new CheckItem("BAD NAME", Optional.empty()),
                new CheckItem(null, Optional.empty())));

    assertThat(results.get(0).allowed()).isTrue();
    assertThat(results.get(0).error()).isEmpty();
    assertThat(results.get(1).allowed()).isFalse();
    assertThat(results.get(1).error()).contains("forbidden");
    assertThat(results.get(2).allowed()).isFalse();
    assertThat(results.get(2).error()).contains("invalid permission name");
    assertThat(results.get(3).error()).contains("invalid permission name");
  }

  @Test
  void a_batch_holds_1_to_100_items() {
    List<CheckItem> hundred =
        new ArrayList<>(Collections.nCopies(100, new CheckItem("users.view", Optional.empty())));
    assertThat(authz.checkBatch(admin, hundred)).hasSize(100);

    hundred.add(new CheckItem("users.view", Optional.empty()));
    for (List<CheckItem> wrong : List.of(List.<CheckItem>of(), hundred)) {
      assertThatThrownBy(() -> authz.checkBatch(admin, wrong))
          .isInstanceOf(InvalidValueException.class)
          .extracting(e -> ((InvalidValueException) e).field())
          .isEqualTo("checks");
    }
  }

  @Test
  void permissions_of_oneself_need_nothing_of_others_users_view() {
    Caller bob = warden.login("bob@example.com");

    assertThat(authz.permissionsOf(bob, bob.userId()).isEmpty()).isTrue();
    assertThatThrownBy(() -> authz.permissionsOf(bob, alice.id())).isInstanceOf(Forbidden.class);
    assertThat(authz.permissionsOf(alice(), bob.userId()).isEmpty()).isTrue();
    assertThat(authz.permissionsOf(admin, alice.id()).names())
        .containsExactly("reports.read", "users.view");
  }

  @Test
  void permissions_of_many_users_map_strangers_to_the_empty_set() {
    UserId stranger = UserId.random();

    Map<UserId, PermissionSet> result =
        authz.permissionsOf(alice(), List.of(alice.id(), bob.id(), carol.id(), stranger));

    assertThat(result.keySet()).containsExactly(alice.id(), bob.id(), carol.id(), stranger);
    assertThat(result.get(alice.id()).names()).containsExactly("reports.read", "users.view");
    assertThat(result.get(bob.id()).isEmpty()).isTrue();
    assertThat(result.get(carol.id()).isEmpty()).isTrue();
    assertThat(result.get(stranger).isEmpty()).isTrue();
  }

  @Test
  void permissions_of_many_users_needs_users_view_and_1_to_1000_ids() {
    Caller bob = warden.login("bob@example.com");

    assertThatThrownBy(() -> authz.permissionsOf(bob, List.of(bob.userId())))
        .isInstanceOf(Forbidden.class);
    assertThatThrownBy(() -> authz.permissionsOf(admin, List.<UserId>of()))
        .isInstanceOf(InvalidValueException.class);
    List<UserId> tooMany = new ArrayList<>();
    for (int i = 0; i < 1001; i++) {
      tooMany.add(UserId.random());
    }
    assertThatThrownBy(() -> authz.permissionsOf(admin, tooMany))
        .isInstanceOf(InvalidValueException.class)
        .extracting(e -> ((InvalidValueException) e).field())
        .isEqualTo("userIds");
    assertThat(authz.permissionsOf(admin, tooMany.subList(0, 1000))).hasSize(1000);
  }

  @Test
  void explain_names_the_roles_that_grant_the_permission() {
    Role viewers =
        warden
            .roleAdministration()
            .create(admin, new CreateRole("viewers", "", List.of("users.view")));
    warden.memberAdministration().assign(admin, viewers.id(), alice.id(), Optional.empty());

    Explanation usersView = authz.explain(admin, alice.id(), "users.view");
    Explanation reports = authz.explain(alice(), alice.id(), "reports.read");
    Explanation missing = authz.explain(admin, alice.id(), "roles.edit");

    assertThat(usersView.allowed()).isTrue();
    assertThat(usersView.grantedBy())
        .extracting(g -> g.role().name())
        .containsExactly("reporting", "viewers");
    assertThat(usersView.grantedBy()).allSatisfy(g -> assertThat(g.via()).isEmpty());
    assertThat(usersView.grantedBy())
        .extracting(g -> g.permission().value())
        .containsOnly("users.view");
    assertThat(reports.grantedBy()).extracting(g -> g.role().name()).containsExactly("reporting");
    assertThat(missing.allowed()).isFalse();
    assertThat(missing.grantedBy()).isEmpty();
    assertThatThrownBy(
            () -> authz.explain(warden.login("bob@example.com"), alice.id(), "users.view"))
        .isInstanceOf(Forbidden.class);
  }

  @Test
  void an_included_role_grants_through_its_includer_and_explain_shows_the_path() {
    warden.systemAdministration().createPermission(warden.root(), "reports.*", "All reports");
    Role all =
        warden.roleAdministration().create(admin, new CreateRole("all", "", List.of("reports.*")));
    Role wrapper =
        warden
            .roleAdministration()
            .create(admin, new CreateRole("wrapper", "", List.of(), List.of(all.id().toString())));
    warden.memberAdministration().assign(admin, wrapper.id(), bob.id(), Optional.empty());

    assertThat(authz.check(admin, Optional.of(bob.id()), "reports.monthly")).isTrue();
    Explanation explanation = authz.explain(admin, bob.id(), "reports.monthly");
    assertThat(explanation.grantedBy())
        .singleElement()
        .satisfies(
            g -> {
              assertThat(g.role().id()).isEqualTo(all.id());
              assertThat(g.via()).containsExactly(wrapper.id());
              assertThat(g.permission().value()).isEqualTo("reports.*");
            });

    // Closing a cycle is an invalid value and changes nothing.
    assertThatThrownBy(
            () ->
                warden
                    .roleAdministration()
                    .update(
                        admin,
                        all.id(),
                        new RoleAdministrationUseCase.UpdateRole(
                            Optional.empty(),
                            Optional.empty(),
                            Optional.empty(),
                            Optional.of(List.of(wrapper.id().toString())))))
        .isInstanceOf(io.warden.domain.model.InvalidValueException.class)
        .hasMessageContaining("cycle");
    assertThat(warden.roleAdministration().get(admin, all.id()).includes()).isEmpty();

    // Deleting the included role detaches it: the wrapper grants nothing any more.
    warden.roleAdministration().delete(admin, all.id());
    assertThat(warden.roleAdministration().get(admin, wrapper.id()).includes()).isEmpty();
    assertThat(authz.check(admin, Optional.of(bob.id()), "reports.monthly")).isFalse();
  }

  @Test
  void a_system_admin_is_allowed_without_roles_and_explain_says_so() {
    warden.createSystemAdmin("ops@example.com");
    Caller ops =
        warden.authenticate(
            warden.tenantSelection().selectTenant(warden.login("ops@example.com"), acme.id()));

    Explanation explanation = authz.explain(admin, ops.userId(), "reports.read");

    assertThat(explanation.allowed()).isTrue();
    assertThat(explanation.grantedBy()).isEmpty();
    assertThat(authz.check(ops, Optional.of(alice.id()), "reports.read")).isTrue();
  }

  @Test
  void me_shows_the_user_the_tenant_the_roles_and_the_sorted_permissions() {
    Me me = authz.me(alice());

    assertThat(me.user().id()).isEqualTo(alice.id());
    assertThat(me.tenant()).isEqualTo(acme);
    assertThat(me.roles()).extracting(Role::name).containsExactly("reporting");
    assertThat(me.permissions().names()).containsExactly("reports.read", "users.view");
  }
}
