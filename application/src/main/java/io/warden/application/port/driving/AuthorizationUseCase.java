package io.warden.application.port.driving;

import io.warden.domain.model.InvalidValueException;
import io.warden.domain.model.organization.OrganizationId;
import io.warden.domain.model.organization.UserOrganizations;
import io.warden.domain.model.permission.PermissionName;
import io.warden.domain.model.permission.PermissionSet;
import io.warden.domain.model.role.Role;
import io.warden.domain.model.role.RoleId;
import io.warden.domain.model.tenant.Tenant;
import io.warden.domain.model.user.User;
import io.warden.domain.model.user.UserId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Permission checks and permission queries inside the caller's tenant. */
public interface AuthorizationUseCase {

  int MAX_BATCH_CHECKS = 100;
  int MAX_BATCH_USERS = 1000;

  /**
   * {@link InvalidValueException} unless a batch check holds 1 to {@value #MAX_BATCH_CHECKS} items:
   * the limit's one definition, applied by the use case and by an adapter that counts the items
   * before it parses them.
   */
  static void requireBatchOfChecks(int size) {
    InvalidValueException.require(
        size >= 1 && size <= MAX_BATCH_CHECKS,
        "checks",
        "must hold 1 to " + MAX_BATCH_CHECKS + " items");
  }

  /** The same for the users of a batch permission query, 1 to {@value #MAX_BATCH_USERS}. */
  static void requireBatchOfUsers(int size) {
    InvalidValueException.require(
        size >= 1 && size <= MAX_BATCH_USERS,
        "userIds",
        "must hold 1 to " + MAX_BATCH_USERS + " user ids");
  }

  /**
   * Whether {@code userId} (the caller when empty) holds {@code permission} in the caller's tenant.
   * Checking another user needs {@code authz.check}; an undefined permission is not held.
   */
  boolean check(Caller caller, Optional<UserId> userId, String permission);

  /**
   * Whether {@code userId} (the caller when empty) holds {@code permission} inside {@code
   * organizationId}: tenant-wide, or through an assignment made for that organization or one of its
   * ancestors. An id that is not an organization of the tenant is not held there (as an undefined
   * permission), whatever the user holds tenant-wide.
   */
  boolean check(
      Caller caller, Optional<UserId> userId, String permission, OrganizationId organizationId);

  /** Each item answered in order; an item that cannot be evaluated carries an error. */
  List<CheckResult> checkBatch(Caller caller, List<CheckItem> checks);

  /** The effective permissions of a user ({@code users.view} unless it is the caller). */
  PermissionSet permissionsOf(Caller caller, UserId userId);

  /** Effective permissions of many users at once; users not in the tenant map to the empty set. */
  Map<UserId, PermissionSet> permissionsOf(Caller caller, List<UserId> userIds);

  /**
   * Which roles grant {@code permission} to {@code userId} ({@code authz.check} or oneself), each
   * with its inclusion path and the grant that matched.
   */
  default Explanation explain(Caller caller, UserId userId, String permission) {
    return explain(caller, userId, permission, Optional.empty());
  }

  /**
   * As {@link #explain(Caller, UserId, String)}, inside {@code organizationId} when given: then the
   * grants of assignments made for it or one of its ancestors count too, each naming that
   * organization.
   */
  Explanation explain(
      Caller caller, UserId userId, String permission, Optional<OrganizationId> organizationId);

  /** The caller, their tenant, roles and permissions. */
  Me me(Caller caller);

  /**
   * This use case answering only from state that reflects every change up to {@code revision} (a
   * {@code Warden-Revision} some instance answered): the caches once this instance's invalidation
   * feed has applied it (waiting briefly for that), otherwise the source of truth itself, never an
   * entry older than the revision. Without a revision to honour, use this use case itself: asking
   * costs a check nothing then.
   *
   * @throws InvalidValueException for a negative revision, or one newer than every committed change
   *     (no answer could honour it; a client cannot make the instance wait for it)
   * @throws io.warden.application.port.driven.Unavailable when the feed has not applied the
   *     revision and the source cannot be read either
   */
  AuthorizationUseCase atLeast(long revision);

  /**
   * One item of a batch check; {@code userId} empty means the caller, {@code organizationId} empty
   * a tenant-wide question.
   */
  record CheckItem(
      String permission, Optional<UserId> userId, Optional<OrganizationId> organizationId) {
    public CheckItem(String permission, Optional<UserId> userId) {
      this(permission, userId, Optional.empty());
    }
  }

  /** One answer of a batch check; {@code error} says why an item could not be evaluated. */
  record CheckResult(String permission, UserId userId, boolean allowed, Optional<String> error) {}

  /**
   * The roles through which a user holds a permission; {@code servedBy} names the tier that
   * answered the user's permission set ({@code l1}, {@code l2} or {@code database}) and {@code
   * computedAt} when that set was read from the database.
   */
  record Explanation(
      UserId userId,
      String permission,
      boolean allowed,
      List<Grant> grantedBy,
      String servedBy,
      Instant computedAt) {}

  /**
   * One role granting the permission: {@code via} is the inclusion path from a directly assigned
   * role (that role first; empty when {@code role} is assigned directly), {@code permission} the
   * name the role holds that matched (the permission itself, or a wildcard covering it), {@code
   * organizationId} the organization the assignment was made for (empty: tenant-wide).
   */
  record Grant(
      Role role,
      List<RoleId> via,
      PermissionName permission,
      Optional<OrganizationId> organizationId) {
    public Grant {
      via = List.copyOf(via);
    }

    public Grant(Role role, List<RoleId> via, PermissionName permission) {
      this(role, via, permission, Optional.empty());
    }
  }

  /** What {@code GET /api/me} shows. */
  record Me(
      User user,
      Tenant tenant,
      List<Role> roles,
      PermissionSet permissions,
      UserOrganizations organizations) {
    /** A caller in no organization. */
    public Me(User user, Tenant tenant, List<Role> roles, PermissionSet permissions) {
      this(user, tenant, roles, permissions, UserOrganizations.NONE);
    }
  }
}
