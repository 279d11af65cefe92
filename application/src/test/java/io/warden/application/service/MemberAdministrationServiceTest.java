package io.warden.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.warden.application.fake.InMemoryMembershipRepository;
import io.warden.application.fake.InMemoryWarden;
import io.warden.application.port.driving.Caller;
import io.warden.application.port.driving.Conflict;
import io.warden.application.port.driving.Forbidden;
import io.warden.application.port.driving.MemberAdministrationUseCase;
import io.warden.application.port.driving.MemberAdministrationUseCase.Member;
import io.warden.application.port.driving.MemberAdministrationUseCase.MemberPage;
import io.warden.application.port.driving.NotFound;
import io.warden.application.port.driving.RoleAdministrationUseCase.CreateRole;
import io.warden.domain.event.RbacEvent;
import io.warden.domain.model.InvalidValueException;
import io.warden.domain.model.role.Role;
import io.warden.domain.model.role.RoleId;
import io.warden.domain.model.tenant.Tenant;
import io.warden.domain.model.user.User;
import io.warden.domain.model.user.UserId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MemberAdministrationServiceTest {
  private final InMemoryWarden warden = new InMemoryWarden();
  private final MemberAdministrationUseCase members = warden.memberAdministration();
  private Tenant acme;
  private Caller admin;
  private Caller plain;
  private Caller systemAdmin;
  private Role viewers;
  private Role globexRole;
  private User outsider;

  @BeforeEach
  void setUp() {
    acme = warden.createTenantWithAdmin("acme");
    Tenant globex = warden.createTenantWithAdmin("globex");
    admin = warden.login("admin@acme.example");
    plain = warden.loginAsNewMember(acme, "plain@acme.example");
    viewers =
        warden
            .roleAdministration()
            .create(admin, new CreateRole("viewers", "", List.of("users.view")));
    globexRole =
        warden
            .roleAdministration()
            .create(warden.login("admin@globex.example"), new CreateRole("g", "", List.of()));
    outsider = warden.createUser("outsider@example.com");
    warden.createSystemAdmin("root@example.com");
    systemAdmin = warden.loginTo(acme, "root@example.com");
  }

  @Test
  void every_operation_needs_its_permission() {
    List<ThrowingCallable> operations =
        List.of(
            () -> members.list(plain, 50, Optional.empty()),
            () -> members.add(plain, outsider.id()),
            () -> members.remove(plain, admin.userId()),
            () -> members.assign(plain, viewers.id(), plain.userId(), Optional.empty()),
            () -> members.unassign(plain, viewers.id(), admin.userId()));
    for (ThrowingCallable operation : operations) {
      assertThatThrownBy(operation).isInstanceOf(Forbidden.class);
    }
  }

  @Test
  void pages_walk_every_member_once_in_user_id_order_with_their_roles() {
    for (int i = 0; i < 7; i++) {
      User user = warden.createUser("member" + i + "@acme.example");
      members.add(systemAdmin, user.id());
      if (i % 2 == 0) {
        members.assign(admin, viewers.id(), user.id(), Optional.empty());
      }
    }

    List<Member> seen = new ArrayList<>();
    Optional<String> cursor = Optional.empty();
    int pages = 0;
    do {
      MemberPage page = members.list(admin, 3, cursor);
      assertThat(page.items()).hasSizeLessThanOrEqualTo(3);
      seen.addAll(page.items());
      cursor = page.nextCursor();
      pages++;
    } while (cursor.isPresent());

    assertThat(pages).isEqualTo(3);
    assertThat(seen).hasSize(9);
    assertThat(seen)
        .extracting(m -> m.user().id())
        .doesNotHaveDuplicates()
        .isSortedAccordingTo(InMemoryMembershipRepository.USER_ID_ORDER);
    assertThat(seen).allSatisfy(m -> assertThat(m.active()).isTrue());
    assertThat(seen.stream().filter(m -> m.roles().contains(viewers))).hasSize(4);
    assertThat(seen)
        .filteredOn(m -> m.user().id().equals(admin.userId()))
        .singleElement()
        .satisfies(m -> assertThat(m.roles()).extracting(Role::name).containsExactly("admin"));
  }

  @Test
  void a_full_last_page_has_no_next_cursor() {
    MemberPage page = members.list(admin, 2, Optional.empty());

    assertThat(page.items()).hasSize(2);
    assertThat(page.nextCursor()).isEmpty();
  }

  @Test
  void limit_and_cursor_are_validated() {
    for (int limit : new int[] {0, -1, 501}) {
      assertThatThrownBy(() -> members.list(admin, limit, Optional.empty()))
          .isInstanceOf(InvalidValueException.class)
          .extracting(e -> ((InvalidValueException) e).field())
          .isEqualTo("limit");
    }
    assertThat(members.list(admin, 500, Optional.empty()).items()).hasSize(2);
    String notAUuid = Base64.getUrlEncoder().encodeToString("hello".getBytes());
    for (String cursor : List.of("%%%", notAUuid, "")) {
      assertThatThrownBy(() -> members.list(admin, 10, Optional.of(cursor)))
          .isInstanceOf(InvalidValueException.class)
          .extracting(e -> ((InvalidValueException) e).field())
          .isEqualTo("cursor");
    }
  }

  @Test
  void a_cursor_round_trips_a_user_id() {
    UserId id = UserId.random();
    assertThat(
            MemberAdministrationService.decodeCursor(MemberAdministrationService.encodeCursor(id)))
        .isEqualTo(id);
  }

  @Test
  void a_system_administrator_adds_a_user_by_id() {
    Member added = members.add(systemAdmin, outsider.id());

    assertThat(added.user().id()).isEqualTo(outsider.id());
    assertThat(added.roles()).isEmpty();
    assertThat(warden.store().lastJournalEntry().event())
        .isEqualTo(new RbacEvent.MemberAdded(acme.id(), outsider.id()));
  }

  @Test
  void a_tenant_administrator_may_not_add_by_id_whether_or_not_the_user_exists() {
    int before = warden.store().journal().size();
    for (UserId id : List.of(outsider.id(), UserId.random(), plain.userId())) {
      assertThatThrownBy(() -> members.add(admin, id))
          .isInstanceOf(Forbidden.class)
          .hasMessageContaining("system administrator");
    }
    assertThat(warden.store().journal()).hasSize(before);
  }

  @Test
  void add_refuses_unknown_users_and_members() {
    assertThatThrownBy(() -> members.add(systemAdmin, UserId.random()))
        .isInstanceOf(NotFound.class);
    assertThatThrownBy(() -> members.add(systemAdmin, plain.userId())).isInstanceOf(Conflict.class);
    assertThatThrownBy(() -> members.add(systemAdmin, null))
        .isInstanceOf(InvalidValueException.class);
  }

  @Test
  void remove_ends_the_membership_and_its_assignments() {
    members.assign(admin, viewers.id(), plain.userId(), Optional.empty());

    members.remove(admin, plain.userId());

    assertThat(warden.store().lastJournalEntry().event())
        .isEqualTo(new RbacEvent.MemberRemoved(acme.id(), plain.userId()));
    assertThatThrownBy(() -> members.remove(admin, plain.userId())).isInstanceOf(NotFound.class);
    members.add(systemAdmin, plain.userId());
    Member back =
        members.list(admin, 50, Optional.empty()).items().stream()
            .filter(m -> m.user().id().equals(plain.userId()))
            .findFirst()
            .orElseThrow();
    assertThat(back.roles()).as("the old assignment ended with the membership").isEmpty();
  }

  @Test
  void assign_needs_a_member_and_a_role_of_this_tenant() {
    assertThatThrownBy(() -> members.assign(admin, viewers.id(), outsider.id(), Optional.empty()))
        .isInstanceOf(NotFound.class);
    assertThatThrownBy(
            () -> members.assign(admin, RoleId.random(), plain.userId(), Optional.empty()))
        .isInstanceOf(NotFound.class);
    assertThatThrownBy(
            () -> members.assign(admin, globexRole.id(), plain.userId(), Optional.empty()))
        .isInstanceOf(NotFound.class);
    assertThatThrownBy(() -> members.unassign(admin, globexRole.id(), plain.userId()))
        .isInstanceOf(NotFound.class);
    assertThatThrownBy(
            () ->
                members.assign(
                    admin,
                    viewers.id(),
                    plain.userId(),
                    Optional.of(warden.clock().instant().minusSeconds(1))))
        .isInstanceOf(InvalidValueException.class)
        .extracting(e -> ((InvalidValueException) e).field())
        .isEqualTo("expiresAt");
  }

  @Test
  void assign_and_unassign_are_idempotent_and_record_only_real_changes() {
    int before = warden.store().journal().size();

    members.assign(admin, viewers.id(), plain.userId(), Optional.empty());
    members.assign(admin, viewers.id(), plain.userId(), Optional.empty());
    assertThat(warden.store().journal()).hasSize(before + 1);
    assertThat(warden.store().lastJournalEntry().event())
        .isEqualTo(new RbacEvent.RoleAssigned(acme.id(), plain.userId(), viewers.id()));

    members.assign(
        admin,
        viewers.id(),
        plain.userId(),
        Optional.of(warden.clock().instant().plus(Duration.ofDays(1))));
    assertThat(warden.store().journal()).as("a new expiry is a change").hasSize(before + 2);

    members.unassign(admin, viewers.id(), plain.userId());
    members.unassign(admin, viewers.id(), plain.userId());
    members.unassign(admin, viewers.id(), outsider.id());
    assertThat(warden.store().journal()).hasSize(before + 3);
    assertThat(warden.store().lastJournalEntry().event())
        .isEqualTo(new RbacEvent.RoleUnassigned(acme.id(), plain.userId(), viewers.id()));
  }
}
