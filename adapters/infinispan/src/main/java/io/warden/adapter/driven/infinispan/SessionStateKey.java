package io.warden.adapter.driven.infinispan;

import io.warden.domain.model.tenant.TenantId;
import io.warden.domain.model.user.UserId;
import java.util.Optional;

/**
 * The L1 key of one access token's revocation state: every argument of {@code
 * SessionRepository.state}, typed, so two different questions can never share a key.
 */
record SessionStateKey(
    UserId userId, String sessionId, String tokenId, Optional<TenantId> tenantId) {}
