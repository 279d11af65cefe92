package io.warden.domain.event;

import io.warden.domain.model.tenant.TenantId;
import io.warden.domain.model.user.UserId;

/** Which cached answers a change makes stale. */
public sealed interface InvalidationScope {

  /** Whether a cached answer about {@code user} in {@code tenant} is stale after the change. */
  boolean covers(TenantId tenant, UserId user);

  /** Every cached answer, in every tenant. */
  record Everything() implements InvalidationScope {
    @Override
    public boolean covers(TenantId tenant, UserId user) {
      return true;
    }
  }

  /** Every answer inside one tenant. */
  record WholeTenant(TenantId tenantId) implements InvalidationScope {
    @Override
    public boolean covers(TenantId tenant, UserId user) {
      return tenantId.equals(tenant);
    }
  }

  /** Every answer about one user, in every tenant (deactivation, logout, password change). */
  record WholeUser(UserId userId) implements InvalidationScope {
    @Override
    public boolean covers(TenantId tenant, UserId user) {
      return userId.equals(user);
    }
  }

  /**
   * The organization tree of one tenant, and nothing else: no cached permission set or user context
   * depends on the tree (organization-scoped answers read it from the tree's own cache at the time
   * of the question), so a create, rename, move or delete of an organization makes only the cached
   * tree stale, in O(1), whatever the number of members and assignments it touches.
   */
  record TenantTree(TenantId tenantId) implements InvalidationScope {
    /** No answer about a user: the tree is cached apart. */
    @Override
    public boolean covers(TenantId tenant, UserId user) {
      return false;
    }
  }

  /** The answers about one user inside one tenant. */
  record UserInTenant(TenantId tenantId, UserId userId) implements InvalidationScope {
    @Override
    public boolean covers(TenantId tenant, UserId user) {
      return tenantId.equals(tenant) && userId.equals(user);
    }
  }
}
