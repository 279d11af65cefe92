package io.warden.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.warden.application.fake.InMemoryWarden;
import io.warden.application.port.driving.Caller;
import io.warden.application.port.driving.LoginUseCase.LoginCommand;
import io.warden.application.port.driving.LoginUseCase.LoginResult;
import io.warden.application.port.driving.MemberAdministrationUseCase.Member;
import io.warden.application.port.driving.ProvisioningUseCase;
import io.warden.application.port.driving.ProvisioningUseCase.DemoSeed;
import io.warden.domain.event.RbacEvent;
import io.warden.domain.model.InvalidValueException;
import io.warden.domain.model.role.Role;
import io.warden.domain.model.tenant.Tenant;
import io.warden.domain.model.user.Email;
import io.warden.domain.model.user.User;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProvisioningServiceTest {
  private static final String DEMO_PASSWORD = "demo password 123";

  private final InMemoryWarden warden = new InMemoryWarden();
  private final ProvisioningUseCase provisioning = warden.provisioning();

  @Test
  void the_system_admin_is_created_once_and_never_overwritten() {
    provisioning.ensureSystemAdmin("Boss@Example.com", "first password!!", "Boss");
    provisioning.ensureSystemAdmin("boss@example.com", "second password!!", "Other");

    LoginResult.Success login = loggedIn("boss@example.com", "first password!!");
    assertThat(login.user().systemAdmin()).isTrue();
    assertThat(login.user().displayName()).isEqualTo("Boss");
    assertThat(login("boss@example.com", "second password!!"))
        .isInstanceOf(LoginResult.Refused.class);
    assertThat(warden.store().journal())
        .extracting(e -> e.event())
        .containsExactly(new RbacEvent.UserCreated(login.user().id()));
  }

  @Test
  void the_system_admin_needs_a_strong_password() {
    assertThatThrownBy(() -> provisioning.ensureSystemAdmin("boss@example.com", "short", "Boss"))
        .isInstanceOf(InvalidValueException.class);
  }

  @Test
  void demo_tenants_get_roles_members_and_assignments() {
    DemoSeed seed = provisioning.seedDemo(2, 25, DEMO_PASSWORD);

    assertThat(seed).isEqualTo(new DemoSeed(2, 50));
    List<Tenant> tenants = warden.transactions().acrossTenants(() -> warden.tenants().findAll());
    assertThat(tenants).extracting(Tenant::slug).containsExactlyInAnyOrder("demo-1", "demo-2");

    Tenant demo2 = tenants.stream().filter(t -> t.slug().equals("demo-2")).findFirst().get();
    Caller first =
        warden.authenticate(loggedIn("demo-2-1@demo.warden.local", DEMO_PASSWORD).tokens());
    assertThat(first.tenantId()).contains(demo2.id());
    List<Role> roles = warden.roleAdministration().list(first);
    assertThat(roles).extracting(Role::name).containsExactly("admin", "editor", "viewer");
    assertThat(roles.get(0).system()).isTrue();
    assertThat(roles.get(1).permissions())
        .extracting(p -> p.value())
        .containsExactly("authz.check", "roles.assign", "roles.edit", "roles.view", "users.view");
    assertThat(roles.get(2).permissions())
        .extracting(p -> p.value())
        .containsExactly("roles.view", "users.view");

    List<Member> members = allMembers(first);
    assertThat(members).hasSize(25);
    assertThat(members).allSatisfy(m -> assertThat(names(m)).contains("viewer"));
    assertThat(members.stream().filter(m -> names(m).contains("editor")))
        .extracting(m -> m.user().email().value())
        .containsExactlyInAnyOrder("demo-2-10@demo.warden.local", "demo-2-20@demo.warden.local");
    assertThat(members.stream().filter(m -> names(m).contains("admin")))
        .extracting(m -> m.user().email().value())
        .containsExactly("demo-2-1@demo.warden.local");
    assertThat(warden.store().journal())
        .extracting(e -> e.event().type())
        .containsOnly("tenant.created");
  }

  @Test
  void the_demo_password_is_hashed_once_for_every_user() {
    int before = warden.passwordHasher().hashes();

    provisioning.seedDemo(3, 30, DEMO_PASSWORD);

    assertThat(warden.passwordHasher().hashes() - before).isEqualTo(1);
    User one = user("demo-1-1@demo.warden.local");
    User other = user("demo-3-30@demo.warden.local");
    assertThat(one.passwordHash()).isEqualTo(other.passwordHash());
    assertThat(loggedIn("demo-3-30@demo.warden.local", DEMO_PASSWORD).user().id())
        .isEqualTo(other.id());
  }

  @Test
  void seeding_again_skips_what_exists_and_adds_what_is_missing() {
    provisioning.seedDemo(2, 5, DEMO_PASSWORD);
    int hashes = warden.passwordHasher().hashes();

    assertThat(provisioning.seedDemo(2, 5, DEMO_PASSWORD)).isEqualTo(new DemoSeed(0, 0));
    assertThat(warden.passwordHasher().hashes())
        .as("nothing to create, nothing hashed")
        .isEqualTo(hashes);
    assertThat(provisioning.seedDemo(3, 5, DEMO_PASSWORD)).isEqualTo(new DemoSeed(1, 5));
  }

  @Test
  void a_large_seed_is_complete() {
    DemoSeed seed = provisioning.seedDemo(10, 10_000, DEMO_PASSWORD);

    assertThat(seed).isEqualTo(new DemoSeed(10, 100_000));
    assertThat(warden.passwordHasher().hashes()).isEqualTo(1);
    assertThat(user("demo-10-10000@demo.warden.local").active()).isTrue();
  }

  @Test
  void seed_arguments_are_validated() {
    assertThatThrownBy(() -> provisioning.seedDemo(-1, 1, DEMO_PASSWORD))
        .isInstanceOf(InvalidValueException.class);
    assertThatThrownBy(() -> provisioning.seedDemo(1, -1, DEMO_PASSWORD))
        .isInstanceOf(InvalidValueException.class);
    assertThatThrownBy(() -> provisioning.seedDemo(1, 1, "weak"))
        .isInstanceOf(InvalidValueException.class);
  }

  private LoginResult login(String email, String password) {
    return warden.login().login(new LoginCommand(email, password, "127.0.0.1"));
  }

  private LoginResult.Success loggedIn(String email, String password) {
    LoginResult result = login(email, password);
    assertThat(result).isInstanceOf(LoginResult.Success.class);
    return (LoginResult.Success) result;
  }

  private User user(String email) {
    return warden
        .transactions()
        .acrossTenants(() -> warden.users().findByEmail(new Email(email)))
        .orElseThrow();
  }

  private List<Member> allMembers(Caller caller) {
    List<Member> all = new ArrayList<>();
    Optional<String> cursor = Optional.empty();
    do {
      var page = warden.memberAdministration().list(caller, 10, cursor);
      all.addAll(page.items());
      cursor = page.nextCursor();
    } while (cursor.isPresent());
    return all;
  }

  private static List<String> names(Member member) {
    return member.roles().stream().map(Role::name).toList();
  }
}
