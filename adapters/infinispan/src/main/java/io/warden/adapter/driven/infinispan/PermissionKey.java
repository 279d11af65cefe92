package io.warden.adapter.driven.infinispan;

import io.warden.domain.model.tenant.TenantId;
import io.warden.domain.model.user.UserId;

/**
 * The L1 key of one user's permissions in one tenant: typed ids, tenant first, so two different
 * questions can never share a key (no string is ever joined from caller input).
 */
record PermissionKey(TenantId tenantId, UserId userId) {}
