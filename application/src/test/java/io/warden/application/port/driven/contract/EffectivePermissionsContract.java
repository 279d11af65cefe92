package io.warden.application.port.driven.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.warden.application.port.driven.EffectivePermissions;
import io.warden.application.port.driven.PermissionSnapshot;
import io.warden.domain.model.organization.OrganizationId;
import io.warden.domain.model.role.RoleId;
import io.warden.domain.model.tenant.TenantId;
import io.warden.domain.model.user.UserId;
import io.warden.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What every {@link EffectivePermissions} must do, whatever tiers stand in front of the data: the
 * database alone, L2 over it, L1 over L2 over it, or the in-memory fake. Caching may change how
 * fast an answer comes, never what it is, so every test reads before and after a change.
 *
 * <p>A subclass provides the implementation under test and writes the data it reads. Each change
 * method must do what the application services do: commit the change, then invalidate the caches
 * for the scope of the change's {@link io.warden.domain.event.RbacEvent} (on the same instance,
 * before returning). The {@link #clock()} must be the one the implementation uses to decide whether
 * an assignment has expired. Every test makes its own tenants and users, so subclasses may share
 * data between tests. The tests are public so that subclasses in any package inherit them.
 */
public abstract class EffectivePermissionsContract {
  private static final String REPORTS_VIEW = "reports.view";
  private static final String REPORTS_EDIT = "reports.edit";
  private static final String USERS_VIEW = "users.view";
  private static final String ANALYTICS = "analytics:read:organization";

  /** The implementation under test, reading the data the change methods write. */
  protected abstract EffectivePermissions permissions();

  protected abstract TenantId newTenant();

  protected abstract UserId newUser();

  /** Event {@code MemberAdded}. */
  protected abstract void addMember(TenantId tenant, UserId user, boolean active);

  /** Event {@code MemberRemoved}; the membership's assignments go with it. */
  protected abstract void removeMember(TenantId tenant, UserId user);

  /** Event {@code RoleCreated}; creates the (global) permissions if they do not exist yet. */
  protected abstract RoleId newRole(TenantId tenant, Set<String> permissions);

  /** Event {@code RoleChanged}: replaces the role's whole permission set. */
  protected abstract void setRolePermissions(TenantId tenant, RoleId role, Set<String> permissions);

  /** Event {@code RoleDeleted}; the role's assignments go with it. */
  protected abstract void deleteRole(TenantId tenant, RoleId role);

  /** Event {@code RoleAssigned}; replaces the expiry of an existing assignment. */
  protected abstract void assign(
      TenantId tenant, UserId user, RoleId role, Optional<Instant> expiresAt);

  /** Event {@code RoleUnassigned}. */
  protected abstract void unassign(TenantId tenant, UserId user, RoleId role);

  /** Event {@code OrganizationTreeChanged}: a new root organization of the tenant. */
  protected abstract OrganizationId newOrganization(TenantId tenant);

  /** Event {@code RoleAssigned}: the role for {@code organization} (and its descendants) only. */
  protected abstract void assignIn(
      TenantId tenant,
      UserId user,
      RoleId role,
      OrganizationId organization,
      Optional<Instant> expiresAt);

  /** Event {@code RoleUnassigned}: ends the assignment made for {@code organization}. */
  protected abstract void unassignIn(
      TenantId tenant, UserId user, RoleId role, OrganizationId organization);

  /** The clock the implementation reads; the tests move it. */
  protected abstract MutableClock clock();

  private Instant now() {
    return clock().instant();
  }

  private void advanceClock(Duration duration) {
    clock().advance(duration);
  }

  @Test
  public void a_member_holds_the_union_of_the_permissions_of_their_roles() {
    TenantId tenant = newTenant();
    UserId user = member(tenant);
    assign(tenant, user, newRole(tenant, Set.of(REPORTS_VIEW, REPORTS_EDIT)), Optional.empty());
    assign(tenant, user, newRole(tenant, Set.of(REPORTS_EDIT, ANALYTICS)), Optional.empty());

    PermissionSnapshot snapshot = permissions().of(tenant, user);

    assertThat(snapshot.permissions().names())
        .containsExactly(ANALYTICS, REPORTS_EDIT, REPORTS_VIEW);
    assertThat(snapshot.permissions().allows(REPORTS_VIEW)).isTrue();
    assertThat(snapshot.permissions().allows(USERS_VIEW)).isFalse();
    assertThat(snapshot.validUntil()).isEmpty();
    assertThat(snapshot.isValidAt(now())).isTrue();
  }

  @Test
  public void a_user_who_is_not_a_member_holds_nothing() {
    TenantId tenant = newTenant();
    UserId stranger = newUser();

    PermissionSnapshot snapshot = permissions().of(tenant, stranger);

    assertThat(snapshot.permissions().isEmpty()).isTrue();
    assertThat(snapshot.validUntil()).isEmpty();
    assertThat(snapshot.cacheable()).as("a stranger's snapshot is never cached").isFalse();
    assertThat(permissions().of(tenant, UserId.random()).cacheable()).isFalse();
    assertThat(permissions().ofAll(tenant, List.of(stranger)).get(stranger).cacheable()).isFalse();
  }

  @Test
  public void a_stranger_who_joins_is_seen_at_once_and_then_cacheable() {
    TenantId tenant = newTenant();
    UserId user = newUser();
    RoleId role = newRole(tenant, Set.of(USERS_VIEW));
    for (int i = 0; i < 3; i++) {
      assertThat(permissions().of(tenant, user).cacheable()).isFalse();
    }

    addMember(tenant, user, true);
    assign(tenant, user, role, Optional.empty());

    PermissionSnapshot joined = permissions().of(tenant, user);
    assertThat(joined.permissions().names()).containsExactly(USERS_VIEW);
    assertThat(joined.cacheable()).isTrue();
  }

  @Test
  public void a_member_without_roles_holds_nothing() {
    TenantId tenant = newTenant();
    UserId user = member(tenant);
    newRole(tenant, Set.of(REPORTS_VIEW));

    assertThat(permissions().of(tenant, user).permissions().isEmpty()).isTrue();
  }

  @Test
  public void an_inactive_membership_grants_nothing_even_with_roles() {
    TenantId tenant = newTenant();
    UserId user = newUser();
    addMember(tenant, user, false);
    assign(tenant, user, newRole(tenant, Set.of(REPORTS_VIEW)), Optional.empty());

    assertThat(permissions().of(tenant, user).permissions().isEmpty()).isTrue();
    // A member still, active or not: bounded by the tenant's size, so worth caching.
    assertThat(permissions().of(tenant, user).cacheable()).isTrue();
  }

  @Test
  public void roles_in_one_tenant_grant_nothing_in_another() {
    TenantId home = newTenant();
    TenantId elsewhere = newTenant();
    TenantId notJoined = newTenant();
    UserId user = member(home);
    addMember(elsewhere, user, true);
    assign(home, user, newRole(home, Set.of(REPORTS_EDIT, USERS_VIEW)), Optional.empty());
    assign(elsewhere, user, newRole(elsewhere, Set.of(REPORTS_VIEW)), Optional.empty());

    assertThat(permissions().of(home, user).permissions().names())
        .containsExactly(REPORTS_EDIT, USERS_VIEW);
    assertThat(permissions().of(elsewhere, user).permissions().names())
        .containsExactly(REPORTS_VIEW);
    assertThat(permissions().of(notJoined, user).permissions().isEmpty()).isTrue();
  }

  @Test
  public void an_assignment_is_seen_by_the_next_read() {
    TenantId tenant = newTenant();
    UserId user = member(tenant);
    RoleId role = newRole(tenant, Set.of(REPORTS_VIEW));
    assertThat(permissions().of(tenant, user).permissions().isEmpty()).isTrue();

    assign(tenant, user, role, Optional.empty());

    assertThat(permissions().of(tenant, user).permissions().names()).containsExactly(REPORTS_VIEW);
  }

  @Test
  public void an_unassignment_is_seen_by_the_next_read() {
    TenantId tenant = newTenant();
    UserId user = member(tenant);
    RoleId kept = newRole(tenant, Set.of(REPORTS_VIEW));
    RoleId removed = newRole(tenant, Set.of(USERS_VIEW));
    assign(tenant, user, kept, Optional.empty());
    assign(tenant, user, removed, Optional.empty());
    assertThat(permissions().of(tenant, user).permissions().names())
        .containsExactly(REPORTS_VIEW, USERS_VIEW);

    unassign(tenant, user, removed);

    assertThat(permissions().of(tenant, user).permissions().names()).containsExactly(REPORTS_VIEW);
  }

  @Test
  public void a_role_change_is_seen_by_every_holder_and_by_no_one_else() {
    TenantId tenant = newTenant();
    TenantId otherTenant = newTenant();
    UserId first = member(tenant);
    UserId second = member(tenant);
    UserId outsider = member(otherTenant);
    RoleId role = newRole(tenant, Set.of(REPORTS_VIEW));
    assign(tenant, first, role, Optional.empty());
    assign(tenant, second, role, Optional.empty());
    assign(otherTenant, outsider, newRole(otherTenant, Set.of(REPORTS_VIEW)), Optional.empty());
    permissions().of(tenant, first);
    permissions().of(tenant, second);
    permissions().of(otherTenant, outsider);

    setRolePermissions(tenant, role, Set.of(REPORTS_EDIT, USERS_VIEW));

    assertThat(permissions().of(tenant, first).permissions().names())
        .containsExactly(REPORTS_EDIT, USERS_VIEW);
    assertThat(permissions().of(tenant, second).permissions().names())
        .containsExactly(REPORTS_EDIT, USERS_VIEW);
    assertThat(permissions().of(otherTenant, outsider).permissions().names())
        .containsExactly(REPORTS_VIEW);
  }

  @Test
  public void a_deleted_role_grants_nothing_any_more() {
    TenantId tenant = newTenant();
    UserId user = member(tenant);
    RoleId role = newRole(tenant, Set.of(USERS_VIEW));
    assign(tenant, user, role, Optional.empty());
    assertThat(permissions().of(tenant, user).permissions().names()).containsExactly(USERS_VIEW);

    deleteRole(tenant, role);

    assertThat(permissions().of(tenant, user).permissions().isEmpty()).isTrue();
  }

  @Test
  public void a_removed_member_holds_nothing_any_more() {
    TenantId tenant = newTenant();
    UserId user = member(tenant);
    assign(tenant, user, newRole(tenant, Set.of(USERS_VIEW)), Optional.empty());
    assertThat(permissions().of(tenant, user).permissions().names()).containsExactly(USERS_VIEW);

    removeMember(tenant, user);

    assertThat(permissions().of(tenant, user).permissions().isEmpty()).isTrue();
    assertThat(permissions().of(tenant, user).cacheable()).isFalse();
  }

  @Test
  public void an_assignment_that_expired_grants_nothing() {
    TenantId tenant = newTenant();
    UserId user = member(tenant);
    Instant past = now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(1);
    assign(tenant, user, newRole(tenant, Set.of(USERS_VIEW)), Optional.of(past));

    PermissionSnapshot snapshot = permissions().of(tenant, user);

    assertThat(snapshot.permissions().isEmpty()).isTrue();
    assertThat(snapshot.validUntil()).isEmpty();
  }

  @Test
  public void expiring_assignments_end_at_their_expiry_and_bound_the_snapshot() {
    TenantId tenant = newTenant();
    UserId user = member(tenant);
    Instant start = now().truncatedTo(ChronoUnit.SECONDS);
    Instant firstExpiry = start.plus(Duration.ofHours(1));
    Instant secondExpiry = start.plus(Duration.ofHours(2));
    assign(tenant, user, newRole(tenant, Set.of(REPORTS_VIEW)), Optional.of(secondExpiry));
    assign(tenant, user, newRole(tenant, Set.of(REPORTS_EDIT)), Optional.of(firstExpiry));
    assign(tenant, user, newRole(tenant, Set.of(USERS_VIEW)), Optional.empty());

    PermissionSnapshot before = permissions().of(tenant, user);
    assertThat(before.permissions().names())
        .containsExactly(REPORTS_EDIT, REPORTS_VIEW, USERS_VIEW);
    assertThat(before.validUntil()).contains(firstExpiry);

    advanceClock(Duration.between(now(), firstExpiry));
    PermissionSnapshot between = permissions().of(tenant, user);
    assertThat(between.permissions().names()).containsExactly(REPORTS_VIEW, USERS_VIEW);
    assertThat(between.validUntil()).contains(secondExpiry);

    advanceClock(Duration.between(now(), secondExpiry));
    PermissionSnapshot after = permissions().of(tenant, user);
    assertThat(after.permissions().names()).containsExactly(USERS_VIEW);
    assertThat(after.validUntil()).isEmpty();
  }

  @Test
  public void a_new_expiry_replaces_the_old_one() {
    TenantId tenant = newTenant();
    UserId user = member(tenant);
    RoleId role = newRole(tenant, Set.of(REPORTS_VIEW));
    Instant soon = now().truncatedTo(ChronoUnit.SECONDS).plus(Duration.ofMinutes(5));
    assign(tenant, user, role, Optional.of(soon));
    assertThat(permissions().of(tenant, user).validUntil()).contains(soon);

    assign(tenant, user, role, Optional.empty());

    assertThat(permissions().of(tenant, user).validUntil()).isEmpty();
    advanceClock(Duration.ofMinutes(10));
    assertThat(permissions().of(tenant, user).permissions().names()).containsExactly(REPORTS_VIEW);
  }

  @Test
  public void of_all_answers_every_requested_user_as_of_does() {
    TenantId tenant = newTenant();
    UserId withRoles = member(tenant);
    UserId withoutRoles = member(tenant);
    UserId stranger = newUser();
    assign(tenant, withRoles, newRole(tenant, Set.of(REPORTS_VIEW, USERS_VIEW)), Optional.empty());
    permissions().of(tenant, withRoles);

    Map<UserId, PermissionSnapshot> answers =
        permissions().ofAll(tenant, List.of(withRoles, withoutRoles, stranger, withRoles));

    assertThat(answers).containsOnlyKeys(withRoles, withoutRoles, stranger);
    assertThat(answers.get(withRoles).permissions().names())
        .containsExactly(REPORTS_VIEW, USERS_VIEW);
    assertThat(answers.get(withoutRoles).permissions().isEmpty()).isTrue();
    assertThat(answers.get(stranger).permissions().isEmpty()).isTrue();
    for (UserId user : List.of(withRoles, withoutRoles, stranger)) {
      assertThat(answers.get(user).permissions())
          .isEqualTo(permissions().of(tenant, user).permissions());
    }
  }

  @Test
  public void of_all_of_no_one_is_empty() {
    assertThat(permissions().ofAll(newTenant(), List.of())).isEmpty();
  }

  @Test
  public void of_all_answers_only_for_the_tenant_asked() {
    TenantId tenant = newTenant();
    TenantId otherTenant = newTenant();
    UserId user = member(otherTenant);
    assign(otherTenant, user, newRole(otherTenant, Set.of(USERS_VIEW)), Optional.empty());

    assertThat(permissions().ofAll(tenant, List.of(user)).get(user).permissions().isEmpty())
        .isTrue();
  }

  @Test
  public void of_all_sees_changes_made_after_an_earlier_read() {
    TenantId tenant = newTenant();
    UserId first = member(tenant);
    UserId second = member(tenant);
    RoleId role = newRole(tenant, Set.of(REPORTS_VIEW));
    assign(tenant, first, role, Optional.empty());
    permissions().ofAll(tenant, List.of(first, second));

    unassign(tenant, first, role);
    assign(tenant, second, role, Optional.empty());

    Map<UserId, PermissionSnapshot> answers = permissions().ofAll(tenant, List.of(first, second));
    assertThat(answers.get(first).permissions().isEmpty()).isTrue();
    assertThat(answers.get(second).permissions().names()).containsExactly(REPORTS_VIEW);
  }

  @Test
  public void reading_again_without_a_change_gives_the_same_answer() {
    TenantId tenant = newTenant();
    UserId user = member(tenant);
    assign(tenant, user, newRole(tenant, Set.of(ANALYTICS)), Optional.empty());

    PermissionSnapshot first = permissions().of(tenant, user);
    PermissionSnapshot second = permissions().of(tenant, user);

    assertThat(second.permissions()).isEqualTo(first.permissions());
    assertThat(second.validUntil()).isEqualTo(first.validUntil());
  }

  private UserId member(TenantId tenant) {
    UserId user = newUser();
    addMember(tenant, user, true);
    return user;
  }

  @Test
  public void
      organization_scoped_grants_are_kept_per_organization_apart_from_the_tenant_wide_set() {
    TenantId tenant = newTenant();
    UserId user = member(tenant);
    OrganizationId emea = newOrganization(tenant);
    OrganizationId apac = newOrganization(tenant);
    RoleId reports = newRole(tenant, Set.of(REPORTS_VIEW));
    assignIn(tenant, user, reports, emea, Optional.empty());
    assignIn(
        tenant, user, newRole(tenant, Set.of(ANALYTICS, REPORTS_EDIT)), emea, Optional.empty());
    assignIn(tenant, user, reports, apac, Optional.empty());
    assign(tenant, user, newRole(tenant, Set.of(USERS_VIEW)), Optional.empty());

    PermissionSnapshot snapshot = permissions().of(tenant, user);

    assertThat(snapshot.permissions().names()).containsExactly(USERS_VIEW);
    assertThat(snapshot.scoped().byOrganization()).containsOnlyKeys(emea, apac);
    assertThat(snapshot.scoped().byOrganization().get(emea).names())
        .containsExactly(ANALYTICS, REPORTS_EDIT, REPORTS_VIEW);
    assertThat(snapshot.scoped().byOrganization().get(apac).names()).containsExactly(REPORTS_VIEW);
    assertThat(snapshot.validUntil()).isEmpty();
    assertThat(permissions().ofAll(tenant, List.of(user)).get(user).scoped())
        .isEqualTo(snapshot.scoped());
  }

  @Test
  public void scoped_assignments_role_changes_and_unassignments_are_seen_by_the_next_read() {
    TenantId tenant = newTenant();
    UserId user = member(tenant);
    OrganizationId emea = newOrganization(tenant);
    RoleId role = newRole(tenant, Set.of(REPORTS_VIEW));
    assertThat(permissions().of(tenant, user).scoped().isEmpty()).isTrue();

    assignIn(tenant, user, role, emea, Optional.empty());
    assertThat(permissions().of(tenant, user).scoped().byOrganization()).containsOnlyKeys(emea);
    setRolePermissions(tenant, role, Set.of(REPORTS_EDIT));
    assertThat(permissions().of(tenant, user).scoped().byOrganization().get(emea).names())
        .containsExactly(REPORTS_EDIT);
    unassignIn(tenant, user, role, emea);
    assertThat(permissions().of(tenant, user).scoped().isEmpty()).isTrue();
    assertThat(permissions().of(tenant, user).permissions().isEmpty()).isTrue();
  }

  @Test
  public void an_expiring_scoped_assignment_bounds_the_snapshot_and_ends_at_its_expiry() {
    TenantId tenant = newTenant();
    UserId user = member(tenant);
    OrganizationId emea = newOrganization(tenant);
    Instant expiry = now().plus(Duration.ofMinutes(5)).truncatedTo(ChronoUnit.MILLIS);
    assignIn(tenant, user, newRole(tenant, Set.of(REPORTS_VIEW)), emea, Optional.of(expiry));

    PermissionSnapshot before = permissions().of(tenant, user);
    assertThat(before.validUntil()).contains(expiry);
    assertThat(before.scoped().isEmpty()).isFalse();

    advanceClock(Duration.ofMinutes(6));
    PermissionSnapshot after = permissions().of(tenant, user);
    assertThat(after.scoped().isEmpty()).isTrue();
    assertThat(after.validUntil()).isEmpty();
  }

  @Test
  public void a_removed_member_loses_scoped_grants_too() {
    TenantId tenant = newTenant();
    UserId user = member(tenant);
    OrganizationId emea = newOrganization(tenant);
    assignIn(tenant, user, newRole(tenant, Set.of(REPORTS_VIEW)), emea, Optional.empty());
    assertThat(permissions().of(tenant, user).scoped().isEmpty()).isFalse();

    removeMember(tenant, user);

    assertThat(permissions().of(tenant, user).scoped().isEmpty()).isTrue();
  }
}
