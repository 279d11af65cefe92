package io.warden.application.service;

import io.warden.application.port.driven.EffectivePermissions;
import io.warden.application.port.driven.MembershipRepository;
import io.warden.application.port.driven.OrganizationRepository;
import io.warden.application.port.driving.Caller;
import io.warden.application.port.driving.NotFound;
import io.warden.application.port.driving.OrganizationAdministrationUseCase;
import io.warden.domain.event.RbacEvent;
import io.warden.domain.model.InvalidValueException;
import io.warden.domain.model.organization.Organization;
import io.warden.domain.model.organization.OrganizationId;
import io.warden.domain.model.organization.OrganizationTree;
import io.warden.domain.model.permission.BuiltInPermissions;
import io.warden.domain.model.tenant.TenantId;
import io.warden.domain.model.user.Membership;
import io.warden.domain.model.user.UserId;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * The organization tree of the caller's tenant. Every change takes the tenant's tree lock, reads
 * the tree, lets {@link OrganizationTree} judge it (parents, cycles, depth, size) and stores the
 * result in the same transaction as its journal entry: a tree change is one {@code WholeTenant}
 * generation bump on every instance, a membership change one user's.
 */
public final class OrganizationAdministrationService implements OrganizationAdministrationUseCase {
  private final ChangeTransactions changes;
  private final OrganizationRepository organizations;
  private final MembershipRepository memberships;
  private final AccessGuard guard;

  OrganizationAdministrationService(
      ChangeTransactions changes,
      OrganizationRepository organizations,
      MembershipRepository memberships,
      EffectivePermissions effectivePermissions) {
    this.changes = changes;
    this.organizations = organizations;
    this.memberships = memberships;
    this.guard = new AccessGuard(effectivePermissions);
  }

  @Override
  public List<Organization> list(Caller caller) {
    TenantId tenant = guard.requirePermission(caller, BuiltInPermissions.ORGS_VIEW);
    return changes
        .transactions()
        .readInTenant(tenant, () -> OrganizationTree.of(organizations.findAll()).all());
  }

  @Override
  public Organization create(Caller caller, String name, Optional<OrganizationId> parentId) {
    TenantId tenant = guard.requirePermission(caller, BuiltInPermissions.ORGS_MANAGE);
    Organization.validateName(name);
    Optional<OrganizationId> parent = parentId == null ? Optional.empty() : parentId;
    return changes.inTenant(
        tenant,
        c -> {
          OrganizationTree tree = lockedTree();
          Organization created = tree.create(OrganizationId.random(), tenant, name, parent);
          organizations.insert(created);
          c.record(new RbacEvent.OrganizationTreeChanged(tenant, created.id()));
          c.audit(
              Audit.by(caller, "organization.create")
                  .target("organizationId", created.id())
                  .detail("name", created.name())
                  .detail("parentId", created.parentId()));
          return created;
        });
  }

  @Override
  public Organization update(
      Caller caller,
      OrganizationId id,
      Optional<String> name,
      Optional<Optional<OrganizationId>> parentId) {
    TenantId tenant = guard.requirePermission(caller, BuiltInPermissions.ORGS_MANAGE);
    InvalidValueException.requirePresent(id, "id");
    Optional<String> newName = name == null ? Optional.empty() : name;
    Optional<Optional<OrganizationId>> newParent = parentId == null ? Optional.empty() : parentId;
    newName.ifPresent(Organization::validateName);
    return changes.inTenant(
        tenant,
        c -> {
          OrganizationTree tree = lockedTree();
          Organization current = existing(tree, id);
          Organization updated =
              newParent.isPresent() && !newParent.get().equals(current.parentId())
                  ? tree.move(id, newParent.get())
                  : current;
          updated = newName.map(updated::renamed).orElse(updated);
          boolean changed = !updated.equals(current);
          if (changed) {
            organizations.update(updated);
          }
          c.recordAndAudit(
              changed,
              new RbacEvent.OrganizationTreeChanged(tenant, id),
              Audit.by(caller, "organization.update")
                  .target("organizationId", id)
                  .detail("name", updated.name())
                  .detail("parentId", updated.parentId()));
          return updated;
        });
  }

  @Override
  public void delete(Caller caller, OrganizationId id) {
    TenantId tenant = guard.requirePermission(caller, BuiltInPermissions.ORGS_MANAGE);
    InvalidValueException.requirePresent(id, "id");
    changes.runInTenant(
        tenant,
        c -> {
          OrganizationTree tree = lockedTree();
          existing(tree, id);
          tree.childrenAfterDeleting(id).forEach(organizations::update);
          organizations.delete(id);
          c.record(new RbacEvent.OrganizationTreeChanged(tenant, id));
          c.audit(Audit.by(caller, "organization.delete").target("organizationId", id));
        });
  }

  @Override
  public void addMember(Caller caller, OrganizationId id, UserId userId) {
    changeMember(
        caller,
        id,
        userId,
        "organization.member_add",
        () -> {
          NotFound.require(
              memberships.find(userId).filter(Membership::active),
              "the user is not a member of this tenant");
          return organizations.addMember(id, userId);
        });
  }

  @Override
  public void removeMember(Caller caller, OrganizationId id, UserId userId) {
    changeMember(
        caller,
        id,
        userId,
        "organization.member_remove",
        () -> organizations.removeMember(id, userId));
  }

  /**
   * Adds or removes one member of an existing organization ({@code change} says whether anything
   * changed): journaled when it did, audited either way.
   */
  private void changeMember(
      Caller caller, OrganizationId id, UserId userId, String action, BooleanSupplier change) {
    TenantId tenant = guard.requirePermission(caller, BuiltInPermissions.ORGS_MANAGE);
    InvalidValueException.requirePresent(id, "id");
    InvalidValueException.requirePresent(userId, "userId");
    changes.runInTenant(
        tenant,
        c -> {
          existing(lockedTree(), id);
          c.recordAndAudit(
              change.getAsBoolean(),
              new RbacEvent.OrganizationMembershipChanged(tenant, id, userId),
              Audit.by(caller, action).target("organizationId", id).target("userId", userId));
        });
  }

  private OrganizationTree lockedTree() {
    organizations.lockTree();
    return OrganizationTree.of(organizations.findAll());
  }

  private static Organization existing(OrganizationTree tree, OrganizationId id) {
    return tree.find(id).orElseThrow(() -> new NotFound("organization not found"));
  }
}
