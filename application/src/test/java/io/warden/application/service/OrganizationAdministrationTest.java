package io.warden.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.warden.application.fake.InMemoryWarden;
import io.warden.application.port.driving.Caller;
import io.warden.application.port.driving.Forbidden;
import io.warden.application.port.driving.NotFound;
import io.warden.application.port.driving.OrganizationAdministrationUseCase;
import io.warden.domain.event.InvalidationScope;
import io.warden.domain.event.RbacEvent;
import io.warden.domain.model.InvalidValueException;
import io.warden.domain.model.organization.Organization;
import io.warden.domain.model.tenant.Tenant;
import io.warden.domain.model.user.User;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The organization use case: who may read and change the tree, and what each change journals — a
 * tree change invalidates the tenant (one generation bump), a membership change one user, and a
 * change that changes nothing journals nothing.
 */
class OrganizationAdministrationTest {
  private final InMemoryWarden warden = new InMemoryWarden();
  private OrganizationAdministrationUseCase orgs;
  private Tenant acme;
  private Tenant globex;
  private User member;
  private Caller admin;
  private Caller plain;
  private Caller globexAdmin;

  @BeforeEach
  void setUp() {
    orgs = warden.useCases().organizationAdministration();
    acme = warden.createTenantWithAdmin("acme");
    globex = warden.createTenantWithAdmin("globex");
    member = warden.createUser("member@acme.example");
    warden.addMember(acme, member);
    admin = warden.loginTo(acme, "admin@acme.example");
    plain = warden.loginTo(acme, "member@acme.example");
    globexAdmin = warden.loginTo(globex, "admin@globex.example");
  }

  private RbacEvent lastEvent() {
    return warden.store().lastJournalEntry().event();
  }

  private int journalSize() {
    return warden.store().journal().size();
  }

  @Test
  void reading_needs_orgs_view_and_changing_orgs_manage() {
    assertThatThrownBy(() -> orgs.list(plain)).isInstanceOf(Forbidden.class);
    assertThatThrownBy(() -> orgs.create(plain, "x", Optional.empty()))
        .isInstanceOf(Forbidden.class);
    assertThat(orgs.list(admin)).isEmpty();
  }

  @Test
  void a_tree_change_invalidates_the_tenant_and_a_membership_change_one_user() {
    Organization root = orgs.create(admin, "root", Optional.empty());
    assertThat(lastEvent()).isEqualTo(new RbacEvent.OrganizationTreeChanged(acme.id(), root.id()));
    assertThat(lastEvent().scope()).isEqualTo(new InvalidationScope.TenantTree(acme.id()));

    orgs.addMember(admin, root.id(), member.id());
    assertThat(lastEvent().scope())
        .isEqualTo(new InvalidationScope.UserInTenant(acme.id(), member.id()));
    int before = journalSize();
    orgs.addMember(admin, root.id(), member.id());
    orgs.update(admin, root.id(), Optional.of("root"), Optional.empty());
    assertThat(journalSize()).as("no-op changes journal nothing").isEqualTo(before);

    Organization child = orgs.create(admin, "child", Optional.of(root.id()));
    orgs.update(admin, child.id(), Optional.empty(), Optional.of(Optional.empty()));
    assertThat(lastEvent()).isEqualTo(new RbacEvent.OrganizationTreeChanged(acme.id(), child.id()));
    assertThat(orgs.list(admin)).extracting(Organization::parentId).containsOnly(Optional.empty());
  }

  @Test
  void another_tenants_organization_is_not_found_and_never_a_parent() {
    Organization theirs = orgs.create(globexAdmin, "theirs", Optional.empty());
    int before = journalSize();

    assertThatThrownBy(() -> orgs.update(admin, theirs.id(), Optional.of("mine"), Optional.empty()))
        .isInstanceOf(NotFound.class);
    assertThatThrownBy(() -> orgs.delete(admin, theirs.id())).isInstanceOf(NotFound.class);
    assertThatThrownBy(() -> orgs.addMember(admin, theirs.id(), member.id()))
        .isInstanceOf(NotFound.class);
    assertThatThrownBy(() -> orgs.create(admin, "child", Optional.of(theirs.id())))
        .isInstanceOf(InvalidValueException.class);
    assertThat(journalSize()).isEqualTo(before);
    assertThat(orgs.list(globexAdmin)).containsExactly(theirs);
  }

  @Test
  void deleting_moves_the_children_up_and_ends_the_memberships() {
    Organization root = orgs.create(admin, "root", Optional.empty());
    Organization mid = orgs.create(admin, "mid", Optional.of(root.id()));
    Organization leaf = orgs.create(admin, "leaf", Optional.of(mid.id()));
    orgs.addMember(admin, mid.id(), member.id());

    orgs.delete(admin, mid.id());

    assertThat(orgs.list(admin))
        .containsExactlyInAnyOrder(root, leaf.movedTo(Optional.of(root.id())));
    assertThat(warden.useCases().authorization().me(plain).organizations().direct()).isEmpty();
  }

  @Test
  void a_non_member_cannot_join_an_organization() {
    Organization root = orgs.create(admin, "root", Optional.empty());
    User outsider = warden.createUser("outsider@example.com");
    assertThatThrownBy(() -> orgs.addMember(admin, root.id(), outsider.id()))
        .isInstanceOf(NotFound.class);
  }
}
