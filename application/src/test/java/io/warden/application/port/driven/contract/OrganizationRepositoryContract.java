package io.warden.application.port.driven.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.warden.application.port.driven.OrganizationRepository;
import io.warden.domain.model.organization.Organization;
import io.warden.domain.model.organization.OrganizationId;
import io.warden.domain.model.tenant.TenantId;
import io.warden.domain.model.user.UserId;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * What every {@link OrganizationRepository} must do: it sees the organizations of the transaction's
 * tenant only, stores names and parents as given, and a member of an organization is a member of
 * the tenant; deleting either membership or organization takes the organization membership along.
 */
public abstract class OrganizationRepositoryContract extends StorageContract {

  private OrganizationRepository organizations() {
    return storage().organizations();
  }

  private Organization newOrganization(TenantId tenant, String name, Organization parent) {
    Organization organization =
        new Organization(
            OrganizationId.random(),
            tenant,
            name,
            Optional.ofNullable(parent).map(Organization::id));
    inTenantDo(
        tenant,
        () -> {
          organizations().lockTree();
          organizations().insert(organization);
        });
    return organization;
  }

  @Test
  public void stores_the_tree_of_the_transactions_tenant_only() {
    TenantId tenant = newTenant();
    Organization root = newOrganization(tenant, "root", null);
    Organization child = newOrganization(tenant, "child", root);

    assertThat(inTenant(tenant, () -> organizations().findAll()))
        .containsExactlyInAnyOrder(root, child);
    assertThat(inTenant(newTenant(), () -> organizations().findAll())).isEmpty();
  }

  @Test
  public void updates_name_and_parent_of_its_own_organizations_only() {
    TenantId tenant = newTenant();
    Organization a = newOrganization(tenant, "a", null);
    Organization b = newOrganization(tenant, "b", null);
    Organization moved = a.renamed("a2").movedTo(Optional.of(b.id()));

    assertThat(inTenant(tenant, () -> organizations().update(moved))).isTrue();
    assertThat(inTenant(tenant, () -> organizations().findAll())).contains(moved, b);

    TenantId other = newTenant();
    Organization foreign = new Organization(a.id(), other, "stolen", Optional.empty());
    assertThat(inTenant(other, () -> organizations().update(foreign))).isFalse();
    assertThat(inTenant(tenant, () -> organizations().findAll())).contains(moved);
  }

  @Test
  public void members_are_direct_and_idempotent_and_go_with_the_organization() {
    TenantId tenant = newTenant();
    UserId user = newMember(tenant);
    Organization a = newOrganization(tenant, "a", null);
    Organization b = newOrganization(tenant, "b", a);

    assertThat(inTenant(tenant, () -> organizations().addMember(b.id(), user))).isTrue();
    assertThat(inTenant(tenant, () -> organizations().addMember(b.id(), user))).isFalse();
    assertThat(inTenant(tenant, () -> organizations().organizationsOf(user))).containsExactly(b);
    assertThat(inTenant(newTenant(), () -> organizations().organizationsOf(user))).isEmpty();

    assertThat(inTenant(tenant, () -> organizations().removeMember(b.id(), user))).isTrue();
    assertThat(inTenant(tenant, () -> organizations().removeMember(b.id(), user))).isFalse();
    assertThat(inTenant(tenant, () -> organizations().organizationsOf(user))).isEmpty();

    inTenant(tenant, () -> organizations().addMember(b.id(), user));
    assertThat(inTenant(tenant, () -> organizations().delete(b.id()))).isTrue();
    assertThat(inTenant(tenant, () -> organizations().delete(b.id()))).isFalse();
    assertThat(inTenant(tenant, () -> organizations().organizationsOf(user))).isEmpty();
  }

  @Test
  public void leaving_the_tenant_leaves_its_organizations() {
    TenantId tenant = newTenant();
    UserId user = newMember(tenant);
    Organization a = newOrganization(tenant, "a", null);
    inTenant(tenant, () -> organizations().addMember(a.id(), user));

    inTenant(tenant, () -> storage().memberships().delete(user));

    assertThat(inTenant(tenant, () -> organizations().organizationsOf(user))).isEmpty();
  }
}
