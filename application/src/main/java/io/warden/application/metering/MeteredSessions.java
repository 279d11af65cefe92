package io.warden.application.metering;

import io.warden.application.port.driven.ForwardingSessionRepository;
import io.warden.application.port.driven.Metrics;
import io.warden.application.port.driven.SessionRepository;
import io.warden.domain.model.tenant.TenantId;
import io.warden.domain.model.user.UserId;
import java.util.Objects;
import java.util.Optional;

/**
 * One tier of session state (the revocation check of every request), measured; the writes pass
 * straight through.
 */
public final class MeteredSessions extends ForwardingSessionRepository {
  private final Metrics metrics;
  private final Metrics.Tier tier;

  public MeteredSessions(Metrics metrics, Metrics.Tier tier, SessionRepository next) {
    super(next);
    this.metrics = Objects.requireNonNull(metrics, "metrics");
    this.tier = Objects.requireNonNull(tier, "tier");
  }

  @Override
  public Optional<SessionState> state(
      UserId userId, String sessionId, String tokenId, Optional<TenantId> tenantId) {
    if (tier.sampled() && !Metrics.sampled()) {
      try {
        return super.state(userId, sessionId, tokenId, tenantId);
      } finally {
        metrics.tier(tier, Metrics.Operation.SESSION_STATE, 1);
      }
    }
    long start = System.nanoTime();
    try {
      return super.state(userId, sessionId, tokenId, tenantId);
    } finally {
      metrics.tier(tier, Metrics.Operation.SESSION_STATE, 1, System.nanoTime() - start);
    }
  }
}
