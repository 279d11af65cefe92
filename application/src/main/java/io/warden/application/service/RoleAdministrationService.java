package io.warden.application.service;

import io.warden.application.port.driven.EffectivePermissions;
import io.warden.application.port.driven.PermissionRepository;
import io.warden.application.port.driven.RoleRepository;
import io.warden.application.port.driven.Transactions;
import io.warden.application.port.driving.Caller;
import io.warden.application.port.driving.Conflict;
import io.warden.application.port.driving.NotFound;
import io.warden.application.port.driving.RoleAdministrationUseCase;
import io.warden.domain.event.RbacEvent;
import io.warden.domain.model.InvalidValueException;
import io.warden.domain.model.permission.BuiltInPermissions;
import io.warden.domain.model.permission.PermissionName;
import io.warden.domain.model.role.Role;
import io.warden.domain.model.role.RoleGraph;
import io.warden.domain.model.role.RoleId;
import io.warden.domain.model.tenant.TenantId;
import io.warden.domain.policy.EscalationPolicy;
import io.warden.domain.policy.EscalationPolicy.Grantor;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Lists and edits the roles of the caller's tenant. The built-in system role is read-only: it is
 * how a tenant keeps an administrator, so no tenant user can empty or remove it. Creating, updating
 * and granting obey the escalation rule ({@link EscalationPolicy#forEditingRoles}): the caller must
 * hold everything the role would grant afterwards, through every role it includes, or {@code
 * roles.escalate}. A role includes only roles of its tenant, never itself through any path.
 *
 * <p>Over 300 lines because every edit of a role — create, update, grant, revoke, delete — goes
 * through the same three rules kept here once: the system role is read-only, the escalation check
 * over the role graph as it would be after the edit, and the permission names must be defined.
 * Split by operation, each class would repeat them.
 */
public final class RoleAdministrationService implements RoleAdministrationUseCase {
  static final String SYSTEM_ROLE_READ_ONLY = "a system role cannot be changed or deleted";

  private final ChangeTransactions changes;
  private final Transactions transactions;
  private final RoleRepository roles;
  private final PermissionRepository permissions;
  private final AccessGuard guard;
  private final EscalationPolicy escalation = EscalationPolicy.forEditingRoles();

  RoleAdministrationService(
      ChangeTransactions changes,
      RoleRepository roles,
      PermissionRepository permissions,
      EffectivePermissions effectivePermissions) {
    this.changes = changes;
    this.transactions = changes.transactions();
    this.roles = roles;
    this.permissions = permissions;
    this.guard = new AccessGuard(effectivePermissions);
  }

  @Override
  public List<Role> list(Caller caller) {
    TenantId tenant = guard.requirePermission(caller, BuiltInPermissions.ROLES_VIEW);
    return transactions.readInTenant(tenant, roles::findAll);
  }

  @Override
  public Role get(Caller caller, RoleId roleId) {
    TenantId tenant = guard.requirePermission(caller, BuiltInPermissions.ROLES_VIEW);
    return transactions.readInTenant(tenant, () -> find(roleId));
  }

  @Override
  public Role create(Caller caller, CreateRole command) {
    Grantor grantor = guard.requireGrantor(caller, BuiltInPermissions.ROLES_EDIT);
    TenantId tenant = caller.requireTenant();
    InvalidValueException.requirePresent(command, "body");
    Set<PermissionName> names =
        parseNames(InvalidValueException.requirePresent(command.permissions(), "permissions"));
    Set<RoleId> includes =
        parseRoleIds(command.includes() == null ? List.of() : command.includes());
    Role role =
        Role.create(tenant, command.name(), command.description(), names).withIncludes(includes);
    return changes.inTenant(
        tenant,
        c -> {
          requireDefined(names);
          RoleGraph graph = graphFor(role, !includes.isEmpty());
          AccessGuard.requireMayGrant(escalation, grantor, graph.grantsOf(role.id()));
          roles.insert(role);
          c.record(new RbacEvent.RoleCreated(tenant, role.id()));
          c.audit(
              Audit.by(caller, "role.create")
                  .target("roleId", role.id())
                  .detail("name", role.name())
                  .detail("permissions", role.permissions())
                  .detail("includes", role.includes()));
          return role;
        });
  }

  @Override
  public Role update(Caller caller, RoleId roleId, UpdateRole command) {
    Grantor grantor = guard.requireGrantor(caller, BuiltInPermissions.ROLES_EDIT);
    TenantId tenant = caller.requireTenant();
    InvalidValueException.requirePresent(command, "body");
    Optional<Set<PermissionName>> newNames =
        command.permissions() == null
            ? Optional.empty()
            : command.permissions().map(RoleAdministrationService::parseNames);
    Optional<Set<RoleId>> newIncludes =
        command.includes() == null
            ? Optional.empty()
            : command.includes().map(RoleAdministrationService::parseRoleIds);
    return changes.inTenant(
        tenant,
        c -> {
          Role current = findEditable(roleId);
          Role updated = current;
          if (command.name() != null && command.name().isPresent()) {
            updated = updated.withName(command.name().get());
          }
          if (command.description() != null && command.description().isPresent()) {
            updated = updated.withDescription(command.description().get());
          }
          if (newNames.isPresent()) {
            requireDefined(newNames.get());
            updated = updated.withPermissions(newNames.get());
          }
          if (newIncludes.isPresent()) {
            updated = updated.withIncludes(newIncludes.get());
          }
          RoleGraph graph = graphFor(updated, !updated.includes().equals(current.includes()));
          // Even a rename: updating a role one could not create is refused, as in Kubernetes.
          AccessGuard.requireMayGrant(escalation, grantor, graph.grantsOf(roleId));
          boolean changed = !updated.equals(current);
          if (changed) {
            roles.update(updated);
          }
          recordRoleChangeAndAudit(
              c,
              changed,
              tenant,
              roleId,
              Audit.by(caller, "role.update")
                  .target("roleId", roleId)
                  .detail("name", command.name() == null ? Optional.empty() : command.name())
                  .detail("permissions", newNames)
                  .detail("includes", newIncludes));
          return updated;
        });
  }

  @Override
  public void grant(Caller caller, RoleId roleId, String permission) {
    Grantor grantor = guard.requireGrantor(caller, BuiltInPermissions.ROLES_EDIT);
    TenantId tenant = caller.requireTenant();
    PermissionName name = parseName(permission, "permission");
    changes.runInTenant(
        tenant,
        c -> {
          Role current = findEditable(roleId);
          if (permissions.find(name).isEmpty()) {
            throw new InvalidValueException("permission", "unknown permission: " + name.value());
          }
          Set<PermissionName> after = new TreeSet<>(current.permissions());
          after.add(name);
          Role granted = current.withPermissions(after);
          AccessGuard.requireMayGrant(
              escalation, grantor, graphFor(granted, false).grantsOf(roleId));
          boolean changed = roles.grant(roleId, name);
          recordPermissionChange(c, caller, "role.grant", tenant, roleId, name, changed);
        });
  }

  @Override
  public void revoke(Caller caller, RoleId roleId, String permission) {
    TenantId tenant = guard.requirePermission(caller, BuiltInPermissions.ROLES_EDIT);
    PermissionName name = parseName(permission, "permission");
    changes.runInTenant(
        tenant,
        c -> {
          findEditable(roleId);
          boolean changed = roles.revoke(roleId, name);
          recordPermissionChange(c, caller, "role.revoke", tenant, roleId, name, changed);
        });
  }

  @Override
  public void delete(Caller caller, RoleId roleId) {
    TenantId tenant = guard.requirePermission(caller, BuiltInPermissions.ROLES_EDIT);
    changes.runInTenant(
        tenant,
        c -> {
          Role deleted = findEditable(roleId);
          roles.delete(roleId);
          c.record(new RbacEvent.RoleDeleted(tenant, roleId));
          c.audit(
              Audit.by(caller, "role.delete")
                  .target("roleId", roleId)
                  .detail("name", deleted.name()));
        });
  }

  /**
   * A permission granted to or revoked from a role ({@code action}: {@code role.grant} or {@code
   * role.revoke}): journaled as a change of the role when it {@code changed} anything, audited
   * either way.
   */
  private void recordPermissionChange(
      ChangeTransactions.Changes c,
      Caller caller,
      String action,
      TenantId tenant,
      RoleId roleId,
      PermissionName name,
      boolean changed) {
    recordRoleChangeAndAudit(
        c,
        changed,
        tenant,
        roleId,
        Audit.by(caller, action).target("roleId", roleId).target("permission", name.value()));
  }

  /**
   * A change of the role journaled, when it {@code changed} anything, as a change of each of its
   * few holders or of the whole tenant ({@link ChangeTransactions.Changes#recordRoleChange});
   * audited either way, saying whether it changed anything (detail {@code changed}, last).
   */
  private void recordRoleChangeAndAudit(
      ChangeTransactions.Changes c, boolean changed, TenantId tenant, RoleId roleId, Audit audit) {
    if (changed) {
      c.recordRoleChange(tenant, roleId, atMost -> roles.holdersReaching(roleId, atMost));
    }
    c.audit(audit.detail("changed", changed));
  }

  /**
   * The tenant's roles with {@code role} as it would be after the change: what holding it grants
   * (the whole set through every inclusion, not the change, since whoever holds the role receives
   * all of it) is {@link RoleGraph#grantsOf}. When the change touches inclusions, the graph is read
   * under the tenant's inclusion lock, every included role must exist in the tenant, and a change
   * closing a cycle is refused: two concurrent edits cannot each pass and together close one.
   */
  private RoleGraph graphFor(Role role, boolean inclusionsChange) {
    if (inclusionsChange) {
      roles.lockInclusions();
    }
    RoleGraph current = RoleGraph.of(roles.findAll());
    if (inclusionsChange) {
      for (RoleId included : role.includes()) {
        if (!current.contains(included)) {
          throw new InvalidValueException("includes", "unknown role: " + included);
        }
      }
    }
    RoleGraph after = current.with(role);
    if (inclusionsChange && after.hasCycleThrough(role.id())) {
      throw new InvalidValueException(
          "includes", "would make role '" + role.name() + "' include itself (a cycle)");
    }
    return after;
  }

  private static Set<RoleId> parseRoleIds(Collection<String> texts) {
    InvalidValueException.requirePresent(texts, "includes");
    Set<RoleId> ids = new TreeSet<>();
    for (String text : texts) {
      ids.add(RoleId.parse(text, "includes"));
    }
    return ids;
  }

  /** The role of the current tenant; another tenant's role is not found, never forbidden. */
  private Role find(RoleId roleId) {
    InvalidValueException.requirePresent(roleId, "roleId");
    return roles.findById(roleId).orElseThrow(() -> new NotFound("role not found"));
  }

  private Role findEditable(RoleId roleId) {
    Role role = find(roleId);
    if (role.system()) {
      throw new Conflict(SYSTEM_ROLE_READ_ONLY);
    }
    return role;
  }

  /** Fails on the first name, in sorted order, that is not defined; runs in the transaction. */
  private void requireDefined(Set<PermissionName> names) {
    if (names.isEmpty()) {
      return;
    }
    Set<PermissionName> undefined = new TreeSet<>(permissions.undefined(names));
    if (!undefined.isEmpty()) {
      throw new InvalidValueException(
          "permissions",
          "unknown permission: "
              + undefined.stream().map(PermissionName::value).collect(Collectors.joining(", ")));
    }
  }

  private static Set<PermissionName> parseNames(Collection<String> texts) {
    InvalidValueException.requirePresent(texts, "permissions");
    Set<PermissionName> names = new TreeSet<>();
    for (String text : texts) {
      names.add(parseName(text, "permissions"));
    }
    return names;
  }

  private static PermissionName parseName(String text, String field) {
    InvalidValueException.require(
        PermissionName.isWellFormed(text), field, "not a permission name: " + text);
    return new PermissionName(text);
  }
}
