package io.warden.application.port.driven;

import io.warden.domain.model.tenant.TenantId;
import io.warden.domain.model.user.UserId;
import java.util.Collection;
import java.util.Map;

/**
 * The permissions a user holds in a tenant: the union over the roles of their active membership
 * whose assignment has not expired, or every permission for a system administrator. Implemented by
 * the database (one query) and decorated by the cache tiers.
 */
public interface EffectivePermissions {

  /** A user who is not an active member holds nothing (unless a system administrator). */
  PermissionSnapshot of(TenantId tenantId, UserId userId);

  /** Many users at once, in one round trip; every requested user is a key of the result. */
  Map<UserId, PermissionSnapshot> ofAll(TenantId tenantId, Collection<UserId> userIds);
}
