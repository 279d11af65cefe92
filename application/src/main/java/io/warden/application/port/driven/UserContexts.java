package io.warden.application.port.driven;

import io.warden.domain.model.organization.OrganizationTree;
import io.warden.domain.model.organization.UserOrganizations;
import io.warden.domain.model.role.Role;
import io.warden.domain.model.tenant.Tenant;
import io.warden.domain.model.tenant.TenantId;
import io.warden.domain.model.user.User;
import io.warden.domain.model.user.UserId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Who a user is inside a tenant: the user, the tenant, the roles the user holds there now and the
 * organizations the user belongs to and reaches — what {@code GET /api/me} shows besides the
 * permissions. Implemented by the database and decorated by the in-process cache, invalidated by
 * the same events as permissions. Reads at the instant of the implementation's clock; outside a
 * transaction it opens a read-only one of its own. An adapter keeps {@code UserContextsContract}
 * (the application's test-jar).
 */
public interface UserContexts {

  /**
   * Empty when the user or the tenant does not exist; a user who is no member has no roles. Never a
   * role of another tenant.
   */
  Optional<UserContext> of(TenantId tenantId, UserId userId);

  /**
   * The tenant's organization tree (empty for a tenant without organizations, or no tenant): an
   * organization-scoped check reads the ancestors of its organization here. Cached like a context,
   * and made stale by every change of the tree (a tenant-wide invalidation). This default is a
   * source that knows no organization, in which every organization-scoped check denies.
   */
  default OrganizationTree organizationTree(TenantId tenantId) {
    return OrganizationTree.of(List.of());
  }

  /**
   * A user in a tenant; {@code roles} are those effective now, sorted by name. {@code validUntil}
   * is the earliest expiry among the assignments of those roles: past it the context must be read
   * again (an expired assignment lists nothing, without any job), as with {@link
   * PermissionSnapshot}.
   */
  record UserContext(
      User user,
      Tenant tenant,
      List<Role> roles,
      Optional<Instant> validUntil,
      UserOrganizations organizations) {
    public UserContext {
      roles = List.copyOf(roles);
    }

    /** A context of a user in no organization. */
    public UserContext(User user, Tenant tenant, List<Role> roles, Optional<Instant> validUntil) {
      this(user, tenant, roles, validUntil, UserOrganizations.NONE);
    }

    /** A context none of whose role assignments expires. */
    public UserContext(User user, Tenant tenant, List<Role> roles) {
      this(user, tenant, roles, Optional.empty(), UserOrganizations.NONE);
    }

    public boolean isValidAt(Instant now) {
      return validUntil.map(now::isBefore).orElse(true);
    }
  }
}
