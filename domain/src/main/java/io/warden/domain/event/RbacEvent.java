package io.warden.domain.event;

import io.warden.domain.model.organization.OrganizationId;
import io.warden.domain.model.permission.PermissionName;
import io.warden.domain.model.role.RoleId;
import io.warden.domain.model.tenant.TenantId;
import io.warden.domain.model.user.UserId;
import java.util.Objects;

/** A change to RBAC data or to a user's sessions; it states its own invalidation scope. */
public sealed interface RbacEvent {

  InvalidationScope scope();

  /** A stable name of the change type, e.g. {@code role.assigned}; used in messages and metrics. */
  String type();

  record TenantCreated(TenantId tenantId) implements RbacEvent {
    public InvalidationScope scope() {
      return new InvalidationScope.WholeTenant(tenantId);
    }

    public String type() {
      return "tenant.created";
    }
  }

  record TenantChanged(TenantId tenantId) implements RbacEvent {
    public InvalidationScope scope() {
      return new InvalidationScope.WholeTenant(tenantId);
    }

    public String type() {
      return "tenant.changed";
    }
  }

  record UserCreated(UserId userId) implements RbacEvent {
    public InvalidationScope scope() {
      return new InvalidationScope.WholeUser(userId);
    }

    public String type() {
      return "user.created";
    }
  }

  /** Display name, activity, password or sessions of a user changed. */
  record UserChanged(UserId userId) implements RbacEvent {
    public InvalidationScope scope() {
      return new InvalidationScope.WholeUser(userId);
    }

    public String type() {
      return "user.changed";
    }
  }

  /** One session (a login and its refresh family) ended. */
  record SessionRevoked(UserId userId) implements RbacEvent {
    public InvalidationScope scope() {
      return new InvalidationScope.WholeUser(userId);
    }

    public String type() {
      return "session.revoked";
    }
  }

  /** Every session of the user ended. */
  record AllSessionsRevoked(UserId userId) implements RbacEvent {
    public InvalidationScope scope() {
      return new InvalidationScope.WholeUser(userId);
    }

    public String type() {
      return "sessions.revoked";
    }
  }

  record MemberAdded(TenantId tenantId, UserId userId) implements RbacEvent {
    public InvalidationScope scope() {
      return new InvalidationScope.UserInTenant(tenantId, userId);
    }

    public String type() {
      return "member.added";
    }
  }

  record MemberRemoved(TenantId tenantId, UserId userId) implements RbacEvent {
    public InvalidationScope scope() {
      return new InvalidationScope.UserInTenant(tenantId, userId);
    }

    public String type() {
      return "member.removed";
    }
  }

  record RoleCreated(TenantId tenantId, RoleId roleId) implements RbacEvent {
    public InvalidationScope scope() {
      return new InvalidationScope.WholeTenant(tenantId);
    }

    public String type() {
      return "role.created";
    }
  }

  /** Name, description or permissions of a role changed: every holder is affected. */
  record RoleChanged(TenantId tenantId, RoleId roleId) implements RbacEvent {
    public InvalidationScope scope() {
      return new InvalidationScope.WholeTenant(tenantId);
    }

    public String type() {
      return "role.changed";
    }
  }

  /**
   * A role changed as in {@link RoleChanged}, told to one of its few holders: a user whose
   * permissions depend on the role (assigned it, or a role that includes it), one event each. For a
   * role held by many, {@link RoleChanged} evicts the whole tenant instead.
   */
  record RoleChangedFor(TenantId tenantId, RoleId roleId, UserId userId) implements RbacEvent {
    public RoleChangedFor {
      Objects.requireNonNull(tenantId, "tenantId");
      Objects.requireNonNull(roleId, "roleId");
      Objects.requireNonNull(userId, "userId");
    }

    public InvalidationScope scope() {
      return new InvalidationScope.UserInTenant(tenantId, userId);
    }

    public String type() {
      return "role.changed";
    }
  }

  record RoleDeleted(TenantId tenantId, RoleId roleId) implements RbacEvent {
    public InvalidationScope scope() {
      return new InvalidationScope.WholeTenant(tenantId);
    }

    public String type() {
      return "role.deleted";
    }
  }

  record RoleAssigned(TenantId tenantId, UserId userId, RoleId roleId) implements RbacEvent {
    public InvalidationScope scope() {
      return new InvalidationScope.UserInTenant(tenantId, userId);
    }

    public String type() {
      return "role.assigned";
    }
  }

  record RoleUnassigned(TenantId tenantId, UserId userId, RoleId roleId) implements RbacEvent {
    public InvalidationScope scope() {
      return new InvalidationScope.UserInTenant(tenantId, userId);
    }

    public String type() {
      return "role.unassigned";
    }
  }

  /**
   * An operator asked every instance to drop what it has cached for one tenant; nothing in the
   * tenant's data changed, but the flush travels the same journal as any change so that it reaches
   * every instance, and only if it was recorded.
   */
  record CacheFlushed(TenantId tenantId) implements RbacEvent {
    public CacheFlushed {
      Objects.requireNonNull(tenantId, "tenantId");
    }

    public InvalidationScope scope() {
      return new InvalidationScope.WholeTenant(tenantId);
    }

    public String type() {
      return "cache.flushed";
    }
  }

  /** A permission was defined: system administrators, who hold every permission, gain it. */
  record PermissionCreated(PermissionName name) implements RbacEvent {
    public InvalidationScope scope() {
      return new InvalidationScope.Everything();
    }

    public String type() {
      return "permission.created";
    }
  }

  /** A permission was removed from every role of every tenant. */
  record PermissionDeleted(PermissionName name) implements RbacEvent {
    public InvalidationScope scope() {
      return new InvalidationScope.Everything();
    }

    public String type() {
      return "permission.deleted";
    }
  }

  /**
   * The organization tree of a tenant changed (an organization created, renamed, moved or deleted):
   * which organizations each member reaches may have changed for anyone in the tenant, so the scope
   * is the whole tenant, an O(1) generation bump on every instance, never an enumeration of
   * members.
   */
  record OrganizationTreeChanged(TenantId tenantId, OrganizationId organizationId)
      implements RbacEvent {
    public OrganizationTreeChanged {
      Objects.requireNonNull(tenantId, "tenantId");
      Objects.requireNonNull(organizationId, "organizationId");
    }

    public InvalidationScope scope() {
      return new InvalidationScope.TenantTree(tenantId);
    }

    public String type() {
      return "organization.changed";
    }
  }

  /** A user joined or left an organization: only that user's answers in the tenant change. */
  record OrganizationMembershipChanged(
      TenantId tenantId, OrganizationId organizationId, UserId userId) implements RbacEvent {
    public OrganizationMembershipChanged {
      Objects.requireNonNull(tenantId, "tenantId");
      Objects.requireNonNull(organizationId, "organizationId");
      Objects.requireNonNull(userId, "userId");
    }

    public InvalidationScope scope() {
      return new InvalidationScope.UserInTenant(tenantId, userId);
    }

    public String type() {
      return "organization.member.changed";
    }
  }
}
