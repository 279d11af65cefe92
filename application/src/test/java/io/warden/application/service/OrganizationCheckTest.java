package io.warden.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.warden.application.fake.InMemoryWarden;
import io.warden.application.port.driving.AuthorizationUseCase;
import io.warden.application.port.driving.AuthorizationUseCase.CheckItem;
import io.warden.application.port.driving.AuthorizationUseCase.CheckResult;
import io.warden.application.port.driving.AuthorizationUseCase.Explanation;
import io.warden.application.port.driving.Caller;
import io.warden.application.port.driving.Forbidden;
import io.warden.application.port.driving.OrganizationAdministrationUseCase;
import io.warden.application.port.driving.RoleAdministrationUseCase.CreateRole;
import io.warden.domain.model.InvalidValueException;
import io.warden.domain.model.organization.Organization;
import io.warden.domain.model.organization.OrganizationId;
import io.warden.domain.model.role.Role;
import io.warden.domain.model.tenant.Tenant;
import io.warden.domain.model.user.User;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Checks inside an organization: a role assigned for an organization grants there and in every
 * organization below it, nowhere else and never tenant-wide; a tenant-wide grant holds inside every
 * organization of the tenant; an id that is no organization of the tenant holds nothing; moving a
 * subtree moves what it inherits; batch checks and explain say the same.
 */
class OrganizationCheckTest {
  private static final String REPORTS = "reports.view";

  private final InMemoryWarden warden = new InMemoryWarden();
  private final AuthorizationUseCase authz = warden.authorization();
  private OrganizationAdministrationUseCase orgs;
  private Tenant acme;
  private Caller admin;
  private Caller analyst;
  private User analystUser;
  private Role reporters;
  private Organization group;
  private Organization sales;
  private Organization north;
  private Organization support;

  @BeforeEach
  void setUp() {
    orgs = warden.useCases().organizationAdministration();
    acme = warden.createTenantWithAdmin("acme");
    analystUser = warden.createUser("analyst@acme.example");
    warden.addMember(acme, analystUser);
    admin = warden.loginTo(acme, "admin@acme.example");
    analyst = warden.loginTo(acme, "analyst@acme.example");
    warden.systemAdministration().createPermission(warden.root(), REPORTS, "reports");
    reporters =
        warden
            .roleAdministration()
            .create(admin, new CreateRole("reporters", "", List.of(REPORTS)));
    group = orgs.create(admin, "Group", Optional.empty());
    sales = orgs.create(admin, "Sales", Optional.of(group.id()));
    north = orgs.create(admin, "North", Optional.of(sales.id()));
    support = orgs.create(admin, "Support", Optional.of(group.id()));
    warden
        .memberAdministration()
        .assign(admin, reporters.id(), analystUser.id(), Optional.empty(), Optional.of(sales.id()));
  }

  private boolean mayIn(Organization organization) {
    return authz.check(analyst, Optional.empty(), REPORTS, organization.id());
  }

  @Test
  void a_scoped_role_grants_in_its_organization_and_below_only() {
    assertThat(mayIn(sales)).isTrue();
    assertThat(mayIn(north)).isTrue();
    assertThat(mayIn(group)).as("not above").isFalse();
    assertThat(mayIn(support)).as("not beside").isFalse();
    assertThat(authz.check(analyst, Optional.empty(), REPORTS)).as("not tenant-wide").isFalse();
    assertThat(authz.permissionsOf(analyst, analystUser.id()).isEmpty()).isTrue();
  }

  @Test
  void a_tenant_wide_grant_holds_in_every_organization_but_not_in_an_unknown_one() {
    Caller adminAsked = admin;
    assertThat(authz.check(adminAsked, Optional.empty(), "roles.view", support.id())).isTrue();
    assertThat(authz.check(adminAsked, Optional.empty(), "roles.view", OrganizationId.random()))
        .isFalse();
    assertThat(authz.check(analyst, Optional.empty(), REPORTS, OrganizationId.random())).isFalse();
  }

  @Test
  void another_tenants_organization_is_unknown_here() {
    Tenant globex = warden.createTenantWithAdmin("globex");
    Organization theirs =
        orgs.create(warden.loginTo(globex, "admin@globex.example"), "Theirs", Optional.empty());

    assertThat(authz.check(admin, Optional.empty(), "roles.view", theirs.id())).isFalse();
  }

  @Test
  void moving_a_subtree_moves_what_it_inherits_and_deleting_the_organization_ends_the_grant() {
    orgs.update(admin, north.id(), Optional.empty(), Optional.of(Optional.of(support.id())));
    assertThat(mayIn(north)).isFalse();
    orgs.update(admin, support.id(), Optional.empty(), Optional.of(Optional.of(sales.id())));
    assertThat(mayIn(north)).as("north is below sales again, through support").isTrue();

    orgs.delete(admin, sales.id());
    assertThat(mayIn(support)).isFalse();
    assertThat(mayIn(north)).isFalse();
  }

  @Test
  void an_expired_scoped_assignment_grants_nothing() {
    warden
        .memberAdministration()
        .assign(
            admin,
            reporters.id(),
            analystUser.id(),
            Optional.of(InMemoryWarden.START.plus(Duration.ofMinutes(5))),
            Optional.of(support.id()));
    assertThat(mayIn(support)).isTrue();
    warden.clock().advance(Duration.ofMinutes(6));
    assertThat(mayIn(support)).isFalse();
    assertThat(mayIn(sales)).isTrue();
  }

  @Test
  void checking_another_user_inside_an_organization_needs_authz_check() {
    assertThat(authz.check(admin, Optional.of(analystUser.id()), REPORTS, north.id())).isTrue();
    assertThatThrownBy(() -> authz.check(analyst, Optional.of(admin.userId()), REPORTS, north.id()))
        .isInstanceOf(Forbidden.class);
    assertThatThrownBy(() -> authz.check(analyst, Optional.empty(), "Not A Name", north.id()))
        .isInstanceOf(InvalidValueException.class);
  }

  @Test
  void a_batch_mixes_tenant_wide_and_organization_questions() {
    List<CheckResult> results =
        authz.checkBatch(
            admin,
            List.of(
                new CheckItem(REPORTS, Optional.of(analystUser.id())),
                new CheckItem(REPORTS, Optional.of(analystUser.id()), Optional.of(north.id())),
                new CheckItem(REPORTS, Optional.of(analystUser.id()), Optional.of(support.id())),
                new CheckItem(
                    REPORTS, Optional.of(analystUser.id()), Optional.of(OrganizationId.random())),
                new CheckItem("roles.view", Optional.empty(), Optional.of(north.id()))));

    assertThat(results)
        .extracting(CheckResult::allowed)
        .containsExactly(false, true, false, false, true);
    List<CheckResult> refused =
        authz.checkBatch(
            analyst,
            List.of(new CheckItem(REPORTS, Optional.of(admin.userId()), Optional.of(north.id()))));
    assertThat(refused.get(0).error()).contains(AuthorizationService.FORBIDDEN_ITEM);
  }

  @Test
  void explain_names_the_organization_whose_assignment_matched() {
    Explanation inNorth =
        authz.explain(analyst, analystUser.id(), REPORTS, Optional.of(north.id()));
    assertThat(inNorth.allowed()).isTrue();
    assertThat(inNorth.grantedBy()).hasSize(1);
    assertThat(inNorth.grantedBy().get(0).role().id()).isEqualTo(reporters.id());
    assertThat(inNorth.grantedBy().get(0).organizationId()).contains(sales.id());

    Explanation tenantWide = authz.explain(analyst, analystUser.id(), REPORTS);
    assertThat(tenantWide.allowed()).isFalse();
    assertThat(tenantWide.grantedBy()).isEmpty();
    Explanation inSupport =
        authz.explain(analyst, analystUser.id(), REPORTS, Optional.of(support.id()));
    assertThat(inSupport.allowed()).isFalse();
  }
}
