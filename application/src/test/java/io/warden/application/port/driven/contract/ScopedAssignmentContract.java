package io.warden.application.port.driven.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.warden.application.port.driven.RoleRepository;
import io.warden.domain.model.organization.Organization;
import io.warden.domain.model.organization.OrganizationId;
import io.warden.domain.model.role.Role;
import io.warden.domain.model.role.RoleAssignment;
import io.warden.domain.model.tenant.TenantId;
import io.warden.domain.model.user.UserId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What every {@link RoleRepository} must do with organization-scoped assignments: they live beside
 * the tenant-wide assignment of the same role (neither replaces nor shows up as the other), one per
 * organization, and they end with the membership, the role or the organization. An organization or
 * a member of another tenant cannot be named.
 */
public abstract class ScopedAssignmentContract extends StorageContract {

  private RoleRepository roles() {
    return storage().roles();
  }

  private Organization newOrganization(TenantId tenant) {
    Organization organization =
        new Organization(OrganizationId.random(), tenant, "org-" + unique(), Optional.empty());
    inTenantDo(tenant, () -> storage().organizations().insert(organization));
    return organization;
  }

  private static RoleAssignment scoped(
      TenantId tenant, UserId user, Role role, Organization org, Optional<Instant> expiresAt) {
    return new RoleAssignment(tenant, user, role.id(), expiresAt, Optional.of(org.id()));
  }

  /** The scoped assignments of {@code user}, read in a transaction of {@code tenant}. */
  private List<RoleAssignment> scopedOf(TenantId tenant, UserId user) {
    return inTenant(tenant, () -> roles().scopedAssignmentsOf(user));
  }

  /** Assigns {@code role} to {@code user} for {@code org}, without expiry. */
  private void assignFor(TenantId tenant, UserId user, Role role, Organization org) {
    inTenantDo(tenant, () -> roles().assign(scoped(tenant, user, role, org, Optional.empty())));
  }

  @Test
  public void a_scoped_assignment_sits_beside_the_tenant_wide_one_and_one_per_organization() {
    TenantId tenant = newTenant();
    Role role = newRole(tenant, "scoped", 1);
    UserId user = newMember(tenant);
    Organization a = newOrganization(tenant);
    Organization b = newOrganization(tenant);
    RoleAssignment inA = scoped(tenant, user, role, a, Optional.empty());
    RoleAssignment inB = scoped(tenant, user, role, b, Optional.of(NOW.plus(Duration.ofDays(1))));

    assertThat(inTenant(tenant, () -> roles().assign(inA))).isTrue();
    assertThat(inTenant(tenant, () -> roles().assign(inA))).isFalse();
    assertThat(inTenant(tenant, () -> roles().assign(inB))).isTrue();
    // Not tenant-wide: the roles a user holds everywhere do not list it.
    assertThat(inTenant(tenant, () -> roles().rolesOf(user, NOW))).isEmpty();
    assign(tenant, user, role, Optional.empty());
    assertThat(inTenant(tenant, () -> roles().rolesOf(user, NOW))).containsExactly(role);

    List<RoleAssignment> held = scopedOf(tenant, user);
    assertThat(held).containsExactlyInAnyOrder(inA, inB);
    assertThat(held).extracting(x -> x.organizationId().orElseThrow().toString()).isSorted();

    RoleAssignment inBForever = scoped(tenant, user, role, b, Optional.empty());
    assertThat(inTenant(tenant, () -> roles().assign(inBForever))).isTrue();
    assertThat(scopedOf(tenant, user)).containsExactlyInAnyOrder(inA, inBForever);
  }

  @Test
  public void unassign_ends_only_the_assignment_of_that_organization_and_is_idempotent() {
    TenantId tenant = newTenant();
    Role role = newRole(tenant, "scoped", 1);
    UserId user = newMember(tenant);
    Organization a = newOrganization(tenant);
    Organization b = newOrganization(tenant);
    assignFor(tenant, user, role, a);
    assignFor(tenant, user, role, b);
    assign(tenant, user, role, Optional.empty());

    assertThat(inTenant(tenant, () -> roles().unassign(role.id(), user, a.id()))).isTrue();
    assertThat(inTenant(tenant, () -> roles().unassign(role.id(), user, a.id()))).isFalse();
    assertThat(scopedOf(tenant, user))
        .containsExactly(scoped(tenant, user, role, b, Optional.empty()));
    assertThat(inTenant(tenant, () -> roles().rolesOf(user, NOW))).containsExactly(role);

    // Ending the tenant-wide assignment leaves the scoped one.
    assertThat(inTenant(tenant, () -> roles().unassign(role.id(), user))).isTrue();
    assertThat(scopedOf(tenant, user)).hasSize(1);
  }

  @Test
  public void deleting_the_organization_the_role_or_the_membership_ends_scoped_assignments() {
    TenantId tenant = newTenant();
    Role role = newRole(tenant, "scoped", 1);
    Role other = newRole(tenant, "other", 1);
    UserId user = newMember(tenant);
    Organization gone = newOrganization(tenant);
    Organization kept = newOrganization(tenant);
    assignFor(tenant, user, role, gone);
    assignFor(tenant, user, role, kept);
    assignFor(tenant, user, other, kept);

    inTenantDo(tenant, () -> storage().organizations().delete(gone.id()));
    assertThat(scopedOf(tenant, user))
        .extracting(x -> x.organizationId().orElseThrow())
        .containsOnly(kept.id());
    inTenantDo(tenant, () -> roles().delete(role.id()));
    assertThat(scopedOf(tenant, user))
        .containsExactly(scoped(tenant, user, other, kept, Optional.empty()));
    inTenantDo(tenant, () -> storage().memberships().delete(user));
    assertThat(scopedOf(tenant, user)).isEmpty();
  }

  @Test
  public void an_organization_of_another_tenant_a_stranger_or_an_unknown_role_is_refused() {
    TenantId tenant = newTenant();
    TenantId other = newTenant();
    Role role = newRole(tenant, "scoped", 1);
    UserId member = newMember(tenant);
    Organization foreign = newOrganization(other);
    Organization own = newOrganization(tenant);
    UserId stranger = newUser();

    assertThatThrownBy(() -> assignFor(tenant, member, role, foreign))
        .isInstanceOf(RuntimeException.class);
    assertThatThrownBy(() -> assignFor(tenant, stranger, role, own))
        .isInstanceOf(RuntimeException.class);
    assertThat(scopedOf(tenant, member)).isEmpty();
    assertThat(scopedOf(other, member)).isEmpty();
  }

  @Test
  public void another_tenant_sees_none_of_them() {
    TenantId tenant = newTenant();
    TenantId other = newTenant();
    Role role = newRole(tenant, "scoped", 1);
    UserId user = newMember(tenant);
    addMember(other, user, true);
    Organization org = newOrganization(tenant);
    assignFor(tenant, user, role, org);

    assertThat(scopedOf(other, user)).isEmpty();
    assertThat(inTenant(other, () -> roles().unassign(role.id(), user, org.id()))).isFalse();
    assertThat(scopedOf(tenant, user)).hasSize(1);
  }

  @Test
  public void assign_all_refuses_a_scoped_assignment() {
    TenantId tenant = newTenant();
    Role role = newRole(tenant, "scoped", 1);
    UserId user = newMember(tenant);
    Organization org = newOrganization(tenant);

    assertThatThrownInTenant(
            tenant,
            () -> roles().assignAll(List.of(scoped(tenant, user, role, org, Optional.empty()))))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  public void the_holders_reaching_a_role_are_its_assignees_and_those_of_every_role_including_it() {
    TenantId tenant = newTenant();
    Role base = newRole(tenant, "base", 1);
    Role middle = newRole(tenant, "middle", 1);
    Role top = newRole(tenant, "top", 1);
    Role unrelated = newRole(tenant, "unrelated", 1);
    inTenantDo(tenant, () -> roles().update(middle.withIncludes(Set.of(base.id()))));
    inTenantDo(tenant, () -> roles().update(top.withIncludes(Set.of(middle.id()))));
    UserId direct = newMember(tenant);
    UserId expired = newMember(tenant);
    UserId throughTop = newMember(tenant);
    UserId scopedOnly = newMember(tenant);
    UserId other = newMember(tenant);
    assign(tenant, direct, base, Optional.empty());
    assign(tenant, expired, base, Optional.of(NOW.minus(Duration.ofDays(1))));
    assign(tenant, throughTop, top, Optional.empty());
    assignFor(tenant, scopedOnly, middle, newOrganization(tenant));
    assign(tenant, other, unrelated, Optional.empty());
    // The same role id in another tenant is someone else's business.
    TenantId elsewhere = newTenant();
    assign(elsewhere, newMember(elsewhere), newRole(elsewhere, "base", 1), Optional.empty());

    assertThat(inTenant(tenant, () -> roles().holdersReaching(base.id(), 10)))
        .containsExactlyInAnyOrder(direct, expired, throughTop, scopedOnly);
    assertThat(inTenant(tenant, () -> roles().holdersReaching(top.id(), 10)))
        .containsExactly(throughTop);
    assertThat(inTenant(tenant, () -> roles().holdersReaching(base.id(), 2))).hasSize(2);
    assertThat(inTenant(tenant, () -> roles().holdersReaching(base.id(), 0))).isEmpty();
    assertThat(inTenant(elsewhere, () -> roles().holdersReaching(base.id(), 10))).isEmpty();
  }
}
