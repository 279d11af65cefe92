package io.warden.domain.event;

import io.warden.domain.model.organization.OrganizationId;
import io.warden.domain.model.permission.PermissionName;
import io.warden.domain.model.role.RoleId;
import io.warden.domain.model.tenant.TenantId;
import io.warden.domain.model.user.UserId;

/**
 * A change to RBAC data or to a user's sessions; it states its own invalidation scope. Most events
 * take theirs from what they change, one kind each: a {@link TenantEvent} makes the whole tenant
 * stale, a {@link UserEvent} the user everywhere, a {@link MemberEvent} the user in one tenant and
 * a {@link PermissionEvent} everything.
 */
public sealed interface RbacEvent {

  InvalidationScope scope();

  /** A stable name of the change type, e.g. {@code role.assigned}; used in messages and metrics. */
  default String type() {
    return switch (this) {
      case TenantCreated e -> "tenant.created";
      case TenantChanged e -> "tenant.changed";
      case UserCreated e -> "user.created";
      case UserChanged e -> "user.changed";
      case SessionRevoked e -> "session.revoked";
      case AllSessionsRevoked e -> "sessions.revoked";
      case MemberAdded e -> "member.added";
      case MemberRemoved e -> "member.removed";
      case RoleCreated e -> "role.created";
      case RoleChanged e -> "role.changed";
      case RoleChangedFor e -> "role.changed";
      case RoleDeleted e -> "role.deleted";
      case RoleAssigned e -> "role.assigned";
      case RoleUnassigned e -> "role.unassigned";
      case CacheFlushed e -> "cache.flushed";
      case PermissionCreated e -> "permission.created";
      case PermissionDeleted e -> "permission.deleted";
      case OrganizationTreeChanged e -> "organization.changed";
      case OrganizationMembershipChanged e -> "organization.member.changed";
    };
  }

  /** A change that can touch any answer inside one tenant. */
  sealed interface TenantEvent extends RbacEvent {
    TenantId tenantId();

    @Override
    default InvalidationScope scope() {
      return new InvalidationScope.WholeTenant(tenantId());
    }
  }

  /** A change to one user, whatever the tenant. */
  sealed interface UserEvent extends RbacEvent {
    UserId userId();

    @Override
    default InvalidationScope scope() {
      return new InvalidationScope.WholeUser(userId());
    }
  }

  /** A change to one member of one tenant: only that user's answers in the tenant change. */
  sealed interface MemberEvent extends RbacEvent {
    TenantId tenantId();

    UserId userId();

    @Override
    default InvalidationScope scope() {
      return new InvalidationScope.UserInTenant(tenantId(), userId());
    }
  }

  /** A change to the permissions themselves, in every tenant. */
  sealed interface PermissionEvent extends RbacEvent {
    @Override
    default InvalidationScope scope() {
      return new InvalidationScope.Everything();
    }
  }

  record TenantCreated(TenantId tenantId) implements TenantEvent {}

  record TenantChanged(TenantId tenantId) implements TenantEvent {}

  record UserCreated(UserId userId) implements UserEvent {}

  /** Display name, activity, password or sessions of a user changed. */
  record UserChanged(UserId userId) implements UserEvent {}

  /** One session (a login and its refresh family) ended. */
  record SessionRevoked(UserId userId) implements UserEvent {}

  /** Every session of the user ended. */
  record AllSessionsRevoked(UserId userId) implements UserEvent {}

  record MemberAdded(TenantId tenantId, UserId userId) implements MemberEvent {}

  record MemberRemoved(TenantId tenantId, UserId userId) implements MemberEvent {}

  record RoleCreated(TenantId tenantId, RoleId roleId) implements TenantEvent {}

  /** Name, description or permissions of a role changed: every holder is affected. */
  record RoleChanged(TenantId tenantId, RoleId roleId) implements TenantEvent {}

  /**
   * A role changed as in {@link RoleChanged}, told to one of its few holders: a user whose
   * permissions depend on the role (assigned it, or a role that includes it), one event each. For a
   * role held by many, {@link RoleChanged} evicts the whole tenant instead.
   */
  record RoleChangedFor(TenantId tenantId, RoleId roleId, UserId userId) implements MemberEvent {}

  record RoleDeleted(TenantId tenantId, RoleId roleId) implements TenantEvent {}

  record RoleAssigned(TenantId tenantId, UserId userId, RoleId roleId) implements MemberEvent {}

  record RoleUnassigned(TenantId tenantId, UserId userId, RoleId roleId) implements MemberEvent {}

  /**
   * An operator asked every instance to drop what it has cached for one tenant; nothing in the
   * tenant's data changed, but the flush travels the same journal as any change so that it reaches
   * every instance, and only if it was recorded.
   */
  record CacheFlushed(TenantId tenantId) implements TenantEvent {}

  /** A permission was defined: system administrators, who hold every permission, gain it. */
  record PermissionCreated(PermissionName name) implements PermissionEvent {}

  /** A permission was removed from every role of every tenant. */
  record PermissionDeleted(PermissionName name) implements PermissionEvent {}

  /**
   * The organization tree of a tenant changed (an organization created, renamed, moved or deleted):
   * which organizations each member reaches may have changed for anyone in the tenant, so the scope
   * is the whole tenant, an O(1) generation bump on every instance, never an enumeration of
   * members.
   */
  record OrganizationTreeChanged(TenantId tenantId, OrganizationId organizationId)
      implements RbacEvent {
    @Override
    public InvalidationScope scope() {
      return new InvalidationScope.TenantTree(tenantId);
    }
  }

  /** A user joined or left an organization: only that user's answers in the tenant change. */
  record OrganizationMembershipChanged(
      TenantId tenantId, OrganizationId organizationId, UserId userId) implements MemberEvent {}
}
