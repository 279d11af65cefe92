package io.warden.adapter.driven.infinispan;

import io.warden.domain.model.tenant.TenantId;
import io.warden.domain.model.user.UserId;

/** The L1 key of one user's context in one tenant: typed ids, tenant first. */
record UserContextKey(TenantId tenantId, UserId userId) {}
