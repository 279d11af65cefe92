package io.warden.domain.event;

import io.warden.domain.model.tenant.TenantId;
import io.warden.domain.model.user.UserId;
import java.util.Objects;

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
    public WholeTenant {
      Objects.requireNonNull(tenantId, "tenantId");
    }

    @Override
    public boolean covers(TenantId tenant, UserId user) {
      return tenantId.equals(tenant);
    }
  }

  /** Every answer about one user, in every tenant (deactivation, logout, password change). */
  record WholeUser(UserId userId) implements InvalidationScope {
    public WholeUser {
      Objects.requireNonNull(userId, "userId");
    }

    @Override
    public boolean covers(TenantId tenant, UserId user) {
      return userId.equals(user);
    }
  }

  /** The answers about one user inside one tenant. */
  record UserInTenant(TenantId tenantId, UserId userId) implements InvalidationScope {
    public UserInTenant {
      Objects.requireNonNull(tenantId, "tenantId");
      Objects.requireNonNull(userId, "userId");
    }

    @Override
    public boolean covers(TenantId tenant, UserId user) {
      return tenantId.equals(tenant) && userId.equals(user);
    }
  }
}
