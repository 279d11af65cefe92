package io.warden.application.fake;

import io.warden.application.port.driven.OrganizationRepository;
import io.warden.application.port.driving.NotFound;
import io.warden.domain.model.organization.Organization;
import io.warden.domain.model.organization.OrganizationId;
import io.warden.domain.model.organization.OrganizationTree;
import io.warden.domain.model.tenant.TenantId;
import io.warden.domain.model.user.UserId;
import java.util.List;
import java.util.Objects;

/** Organizations in an {@link InMemoryStore}, seen only through the current {@code inTenant}. */
public final class InMemoryOrganizationRepository implements OrganizationRepository {
  private final InMemoryStore store;

  public InMemoryOrganizationRepository(InMemoryStore store) {
    this.store = Objects.requireNonNull(store, "store");
  }

  /** The store serialises every transaction already. */
  @Override
  public void lockTree() {
    store.tenant();
  }

  @Override
  public List<Organization> findAll() {
    TenantId tenant = store.tenant();
    return store.read().organizations.values().stream()
        .filter(o -> o.tenantId().equals(tenant))
        .toList();
  }

  @Override
  public void insert(Organization organization) {
    InMemoryStore.Data data = store.write();
    requireOwnTenant(organization);
    organization.parentId().ifPresent(p -> requireOwn(data, p));
    data.organizations.put(organization.id(), organization);
  }

  @Override
  public boolean update(Organization organization) {
    InMemoryStore.Data data = store.write();
    requireOwnTenant(organization);
    organization.parentId().ifPresent(p -> requireOwn(data, p));
    Organization current = data.organizations.get(organization.id());
    if (current == null || !current.tenantId().equals(organization.tenantId())) {
      return false;
    }
    data.organizations.put(organization.id(), organization);
    return true;
  }

  @Override
  public boolean delete(OrganizationId id) {
    TenantId tenant = store.tenant();
    InMemoryStore.Data data = store.write();
    Organization current = data.organizations.get(id);
    if (current == null || !current.tenantId().equals(tenant)) {
      return false;
    }
    if (data.organizations.values().stream()
        .anyMatch(o -> o.parentId().filter(id::equals).isPresent())) {
      throw new IllegalStateException("foreign key: the organization still has children");
    }
    data.organizations.remove(id);
    data.organizationMembers.removeIf(k -> k.organizationId().equals(id));
    data.scopedAssignments.keySet().removeIf(k -> k.organizationId().equals(id));
    return true;
  }

  @Override
  public boolean addMember(OrganizationId id, UserId userId) {
    TenantId tenant = store.tenant();
    InMemoryStore.Data data = store.write();
    requireOwn(data, id);
    if (!data.memberships.containsKey(new InMemoryStore.MemberKey(tenant, userId))) {
      throw new NotFound("foreign key: not a member of the tenant");
    }
    return data.organizationMembers.add(
        new InMemoryStore.OrganizationMemberKey(tenant, id, userId));
  }

  @Override
  public boolean removeMember(OrganizationId id, UserId userId) {
    TenantId tenant = store.tenant();
    return store
        .write()
        .organizationMembers
        .remove(new InMemoryStore.OrganizationMemberKey(tenant, id, userId));
  }

  @Override
  public List<Organization> organizationsOf(UserId userId) {
    TenantId tenant = store.tenant();
    InMemoryStore.Data data = store.read();
    List<Organization> direct =
        data.organizationMembers.stream()
            .filter(k -> k.tenantId().equals(tenant) && k.userId().equals(userId))
            .map(k -> data.organizations.get(k.organizationId()))
            .filter(Objects::nonNull)
            .toList();
    return OrganizationTree.of(direct).all();
  }

  private void requireOwnTenant(Organization organization) {
    if (!organization.tenantId().equals(store.tenant())) {
      throw new IllegalStateException("row-level security: an organization of another tenant");
    }
  }

  private void requireOwn(InMemoryStore.Data data, OrganizationId id) {
    Organization organization = data.organizations.get(id);
    if (organization == null || !organization.tenantId().equals(store.tenant())) {
      throw new NotFound("foreign key: no such organization in this tenant");
    }
  }
}
