package io.warden.adapter.driven.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.warden.application.port.driven.PermissionSnapshot;
import io.warden.domain.event.RbacEvent;
import io.warden.domain.model.permission.Permission;
import io.warden.domain.model.permission.PermissionName;
import io.warden.domain.model.role.Role;
import io.warden.domain.model.tenant.TenantId;
import io.warden.domain.model.user.Membership;
import io.warden.domain.model.user.UserId;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The database tier of the permission answer, against real rows and a clock the test moves. */
class EffectivePermissionsTest extends PostgresTestBase {

  private PermissionSnapshot of(TenantId tenant, UserId user) {
    return db.effectivePermissions().of(tenant, user);
  }

  @Test
  void a_member_holds_the_union_of_the_permissions_of_their_roles() {
    TenantId tenant = newTenant();
    UserId user = newMemberHolding(tenant, newRole(tenant, "docs.read", "docs.write"));
    assign(tenant, user, newRole(tenant, "docs.write", "billing.view"), Optional.empty());
    newRole(tenant, "never.assigned");

    PermissionSnapshot snapshot = of(tenant, user);

    assertThat(snapshot.permissions().names())
        .containsExactly("billing.view", "docs.read", "docs.write");
    assertThat(snapshot.validUntil()).isEmpty();
    assertThat(snapshot.version()).isEqualTo(db.dataVersion());
  }

  @Test
  void roles_held_in_another_tenant_grant_nothing_here() {
    TenantId here = newTenant();
    TenantId elsewhere = newTenant();
    UserId user = newMemberHolding(here, newRole(here, "here.only"));
    addMember(elsewhere, user);
    assign(elsewhere, user, newRole(elsewhere, "elsewhere.only"), Optional.empty());

    assertThat(of(here, user).permissions().names()).containsExactly("here.only");
    assertThat(of(elsewhere, user).permissions().names()).containsExactly("elsewhere.only");
  }

  @Test
  void an_inactive_membership_and_no_membership_grant_nothing() {
    TenantId tenant = newTenant();
    UserId lapsed = newUser();
    inTenantDo(tenant, () -> db.memberships().insert(new Membership(tenant, lapsed, false)));
    assign(tenant, lapsed, newRole(tenant, "lapsed.perm"), Optional.empty());
    UserId stranger = newUser();

    assertThat(of(tenant, lapsed).permissions().isEmpty()).isTrue();
    assertThat(of(tenant, stranger).permissions().isEmpty()).isTrue();
    assertThat(of(tenant, UserId.random()).permissions().isEmpty()).isTrue();
  }

  @Test
  void a_deactivated_user_holds_nothing_even_as_system_administrator() {
    TenantId tenant = newTenant();
    UserId user = newMemberHolding(tenant, newRole(tenant, "docs.read"));
    UserId admin = newUser(true);

    acrossDo(
        () -> {
          for (UserId id : List.of(user, admin)) {
            db.users().setActive(id, false, clock.instant());
          }
        });

    assertThat(of(tenant, user).permissions().isEmpty()).isTrue();
    assertThat(of(tenant, admin).permissions().isEmpty()).isTrue();
  }

  @Test
  void nobody_holds_anything_in_a_deactivated_tenant() {
    TenantId tenant = newTenant();
    UserId user = newMemberHolding(tenant, newRole(tenant, "docs.read"));
    UserId admin = newUser(true);
    assertThat(of(tenant, user).permissions().allows("docs.read")).isTrue();

    acrossDo(() -> db.tenants().setActive(tenant, false));

    assertThat(of(tenant, user).permissions().isEmpty()).isTrue();
    assertThat(of(tenant, admin).permissions().isEmpty()).isTrue();
    assertThat(of(TenantId.random(), admin).permissions().isEmpty()).isTrue();
  }

  @Test
  void an_expiring_assignment_grants_until_its_expiry_at_check_time_without_any_job() {
    TenantId tenant = newTenant();
    UserId user = newMember(tenant);
    Instant expiry = clock.in(1, ChronoUnit.HOURS);
    assign(tenant, user, newRole(tenant, "temp.access"), Optional.of(expiry));
    assign(tenant, user, newRole(tenant, "lasting.access"), Optional.empty());

    PermissionSnapshot before = of(tenant, user);
    assertThat(before.permissions().names()).containsExactly("lasting.access", "temp.access");
    assertThat(before.validUntil()).contains(expiry);

    clock.set(expiry.minusNanos(1_000));
    assertThat(of(tenant, user).permissions().allows("temp.access")).isTrue();

    clock.set(expiry);
    PermissionSnapshot after = of(tenant, user);
    assertThat(after.permissions().names()).containsExactly("lasting.access");
    assertThat(after.validUntil()).isEmpty();
  }

  @Test
  void valid_until_is_the_earliest_future_expiry_among_the_assignments_that_grant_something() {
    TenantId tenant = newTenant();
    UserId user = newMember(tenant);
    Instant soon = clock.in(10, ChronoUnit.MINUTES);
    Instant later = clock.in(2, ChronoUnit.HOURS);
    Instant past = clock.in(-1, ChronoUnit.MINUTES);
    assign(tenant, user, newRole(tenant, "later.perm"), Optional.of(later));
    assign(tenant, user, newRole(tenant, "soon.perm"), Optional.of(soon));
    assign(tenant, user, newRole(tenant, "gone.perm"), Optional.of(past));
    // A role without permissions contributes nothing, so its expiry does not matter.
    assign(tenant, user, newRole(tenant), Optional.of(clock.in(1, ChronoUnit.MINUTES)));

    PermissionSnapshot snapshot = of(tenant, user);

    assertThat(snapshot.permissions().names()).containsExactly("later.perm", "soon.perm");
    assertThat(snapshot.validUntil()).contains(soon);
    assertThat(snapshot.isValidAt(soon)).isFalse();
  }

  @Test
  void a_system_administrator_holds_every_defined_permission_in_any_tenant() {
    TenantId tenant = newTenant();
    UserId admin = newUser(true);
    definePermission("admin.sees.this");

    PermissionSnapshot snapshot = of(tenant, admin);

    List<String> defined =
        across(() -> db.permissions().findAll()).stream()
            .map(Permission::name)
            .map(PermissionName::value)
            .toList();
    assertThat(snapshot.permissions().names()).containsExactlyElementsOf(defined);
    assertThat(snapshot.permissions().allows("admin.sees.this")).isTrue();
    assertThat(snapshot.permissions().allows("users.manage")).isTrue();
    assertThat(snapshot.validUntil()).isEmpty();
  }

  @Test
  void a_removed_permission_or_role_stops_granting_at_once() {
    TenantId tenant = newTenant();
    Role role = newRole(tenant, "short.lived", "stays");
    UserId user = newMemberHolding(tenant, role);

    inTenantDo(tenant, () -> db.roles().revoke(role.id(), new PermissionName("short.lived")));
    assertThat(of(tenant, user).permissions().names()).containsExactly("stays");

    inTenantDo(tenant, () -> db.roles().unassign(role.id(), user));
    assertThat(of(tenant, user).permissions().isEmpty()).isTrue();
  }

  @Test
  void the_version_is_the_data_version_read_in_the_same_statement() {
    TenantId tenant = newTenant();
    UserId user = newMember(tenant);
    long before = of(tenant, user).version();

    long changed =
        inTenant(tenant, () -> db.changeJournal().record(new RbacEvent.MemberAdded(tenant, user)));

    assertThat(changed).isGreaterThan(before);
    assertThat(of(tenant, user).version()).isEqualTo(changed);
  }

  @Test
  void one_user_costs_one_statement_inside_a_transaction_and_two_outside() {
    TenantId tenant = newTenant();
    UserId user = newMemberHolding(tenant, newRole(tenant, "counted"));

    int inside =
        db.transactions()
            .readInTenant(
                tenant,
                () -> {
                  statements.reset();
                  assertThat(of(tenant, user).permissions().names()).containsExactly("counted");
                  return statements.count();
                });
    assertThat(inside).isEqualTo(1);

    statements.reset();
    assertThat(of(tenant, user).permissions().names()).containsExactly("counted");
    // The row-level-security scope of its own transaction, then the query.
    assertThat(statements.count()).isEqualTo(2);
  }

  @Test
  void many_users_cost_one_statement_and_every_requested_user_is_a_key() {
    TenantId tenant = newTenant();
    Role reader = newRole(tenant, "batch.read");
    Role writer = newRole(tenant, "batch.read", "batch.write");
    List<UserId> requested = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      UserId user = newMemberHolding(tenant, i % 2 == 0 ? reader : writer);
      requested.add(user);
    }
    UserId stranger = newUser();
    UserId unknown = UserId.random();
    UserId admin = newUser(true);
    requested.addAll(List.of(stranger, unknown, admin));

    Map<UserId, PermissionSnapshot> all =
        readInOneStatement(tenant, () -> db.effectivePermissions().ofAll(tenant, requested));

    assertThat(all.keySet()).containsExactlyInAnyOrderElementsOf(requested);
    for (int i = 0; i < 40; i++) {
      assertThat(all.get(requested.get(i)).permissions().names())
          .containsExactlyElementsOf(
              i % 2 == 0 ? List.of("batch.read") : List.of("batch.read", "batch.write"));
    }
    assertThat(all.get(stranger).permissions().isEmpty()).isTrue();
    assertThat(all.get(unknown).permissions().isEmpty()).isTrue();
    assertThat(all.get(admin).permissions().allows("batch.write")).isTrue();
    assertThat(all.values()).extracting(PermissionSnapshot::version).containsOnly(db.dataVersion());
    assertThat(db.effectivePermissions().ofAll(tenant, Set.of())).isEmpty();
  }

  @Test
  void a_batch_of_a_thousand_users_is_still_one_statement() {
    TenantId tenant = newTenant();
    UserId member = newMemberHolding(tenant, newRole(tenant, "big.batch"));
    List<UserId> requested = new ArrayList<>();
    requested.add(member);
    for (int i = 1; i < 1000; i++) {
      requested.add(UserId.random());
    }

    Map<UserId, PermissionSnapshot> all =
        readInOneStatement(tenant, () -> db.effectivePermissions().ofAll(tenant, requested));

    assertThat(all).hasSize(1000);
    assertThat(all.get(member).permissions().names()).containsExactly("big.batch");
  }

  @Test
  void
      asking_about_one_tenant_inside_a_transaction_of_another_fails_instead_of_answering_nothing() {
    TenantId tenant = newTenant();
    TenantId other = newTenant();
    UserId user = newMember(tenant);

    assertThatThrownBy(() -> inTenant(other, () -> of(tenant, user)))
        .isInstanceOf(IllegalStateException.class);
  }
}
