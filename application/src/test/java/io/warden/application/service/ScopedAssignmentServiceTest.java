package io.warden.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.warden.application.fake.InMemoryWarden;
import io.warden.application.port.driving.Caller;
import io.warden.application.port.driving.Forbidden;
import io.warden.application.port.driving.MemberAdministrationUseCase;
import io.warden.application.port.driving.RoleAdministrationUseCase.CreateRole;
import io.warden.domain.event.InvalidationScope;
import io.warden.domain.event.RbacEvent;
import io.warden.domain.model.InvalidValueException;
import io.warden.domain.model.organization.Organization;
import io.warden.domain.model.organization.OrganizationId;
import io.warden.domain.model.role.Role;
import io.warden.domain.model.role.RoleAssignment;
import io.warden.domain.model.tenant.Tenant;
import io.warden.domain.model.user.User;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Assigning a role for one organization: the organization must be one of the tenant's (else a 400
 * that changes nothing), the escalation rule applies as to any assignment, the change invalidates
 * the one user and is audited with its organization, and the assignment grants nothing tenant-wide.
 */
class ScopedAssignmentServiceTest {
  private final InMemoryWarden warden = new InMemoryWarden();
  private final MemberAdministrationUseCase members = warden.memberAdministration();
  private Tenant acme;
  private Caller admin;
  private Caller assigner;
  private User member;
  private Role editors;
  private Organization emea;
  private Organization globexOrg;

  @BeforeEach
  void setUp() {
    acme = warden.createTenantWithAdmin("acme");
    Tenant globex = warden.createTenantWithAdmin("globex");
    member = warden.createUser("member@acme.example");
    warden.addMember(acme, member);
    admin = warden.loginTo(acme, "admin@acme.example");
    editors =
        warden
            .roleAdministration()
            .create(admin, new CreateRole("editors", "", List.of("users.view", "roles.view")));
    Role assigners =
        warden
            .roleAdministration()
            .create(admin, new CreateRole("assigners", "", List.of("roles.assign")));
    User delegate = warden.createUser("delegate@acme.example");
    warden.addMember(acme, delegate);
    members.assign(admin, assigners.id(), delegate.id(), Optional.empty());
    assigner = warden.loginTo(acme, "delegate@acme.example");
    emea = warden.useCases().organizationAdministration().create(admin, "emea", Optional.empty());
    globexOrg =
        warden
            .useCases()
            .organizationAdministration()
            .create(warden.loginTo(globex, "admin@globex.example"), "g", Optional.empty());
  }

  private List<RoleAssignment> scopedOfMember() {
    return warden
        .transactions()
        .readInTenant(acme.id(), () -> warden.roles().scopedAssignmentsOf(member.id()));
  }

  /** The organizations named by the audit events of {@code action}. */
  private List<Object> auditedOrganizations(String action) {
    return warden.auditLog().all().stream()
        .filter(e -> e.action().equals(action))
        .map(e -> e.details().get("organizationId"))
        .toList();
  }

  @Test
  void a_scoped_assignment_is_stored_journalled_for_the_one_user_and_audited() {
    members.assign(admin, editors.id(), member.id(), Optional.empty(), Optional.of(emea.id()));

    assertThat(scopedOfMember())
        .containsExactly(
            new RoleAssignment(
                acme.id(), member.id(), editors.id(), Optional.empty(), Optional.of(emea.id())));
    RbacEvent event = warden.store().lastJournalEntry().event();
    assertThat(event).isEqualTo(new RbacEvent.RoleAssigned(acme.id(), member.id(), editors.id()));
    assertThat(event.scope()).isEqualTo(new InvalidationScope.UserInTenant(acme.id(), member.id()));
    assertThat(auditedOrganizations("role.assign")).contains(emea.id().toString());
    // Not tenant-wide.
    assertThat(warden.authorization().check(admin, Optional.of(member.id()), "users.view"))
        .isFalse();
    assertThat(
            warden
                .transactions()
                .readInTenant(
                    acme.id(), () -> warden.roles().rolesOf(member.id(), InMemoryWarden.START)))
        .isEmpty();
  }

  @Test
  void an_unknown_or_foreign_organization_is_an_invalid_value_and_changes_nothing() {
    int journal = warden.store().journal().size();
    int audit = warden.auditLog().all().size();
    for (OrganizationId unknown : List.of(OrganizationId.random(), globexOrg.id())) {
      assertThatThrownBy(
              () ->
                  members.assign(
                      admin, editors.id(), member.id(), Optional.empty(), Optional.of(unknown)))
          .isInstanceOf(InvalidValueException.class)
          .hasMessageContaining("organization");
      assertThatThrownBy(
              () -> members.unassign(admin, editors.id(), member.id(), Optional.of(unknown)))
          .isInstanceOf(InvalidValueException.class);
    }
    assertThat(scopedOfMember()).isEmpty();
    assertThat(warden.store().journal()).hasSize(journal);
    assertThat(warden.auditLog().all()).hasSize(audit);
  }

  @Test
  void the_escalation_rule_applies_to_a_scoped_assignment_too() {
    assertThatThrownBy(
            () ->
                members.assign(
                    assigner, editors.id(), member.id(), Optional.empty(), Optional.of(emea.id())))
        .isInstanceOf(Forbidden.class)
        .hasMessageContaining("users.view");
    assertThat(scopedOfMember()).isEmpty();
  }

  @Test
  void unassign_with_an_organization_ends_that_one_only() {
    Organization apac =
        warden.useCases().organizationAdministration().create(admin, "apac", Optional.empty());
    members.assign(admin, editors.id(), member.id(), Optional.empty(), Optional.of(emea.id()));
    members.assign(admin, editors.id(), member.id(), Optional.empty(), Optional.of(apac.id()));
    members.assign(admin, editors.id(), member.id(), Optional.empty());

    members.unassign(admin, editors.id(), member.id(), Optional.of(emea.id()));
    assertThat(auditedOrganizations("role.unassign")).containsExactly(emea.id().toString());
    assertThat(scopedOfMember())
        .extracting(a -> a.organizationId().orElseThrow())
        .containsExactly(apac.id());
    assertThat(warden.authorization().check(admin, Optional.of(member.id()), "users.view"))
        .isTrue();

    int journal = warden.store().journal().size();
    members.unassign(admin, editors.id(), member.id(), Optional.of(emea.id()));
    assertThat(warden.store().journal()).as("nothing changed").hasSize(journal);
  }
}
