package io.warden.application.metering;

import io.warden.application.port.driven.ForwardingSessionRepository;
import io.warden.application.port.driven.Metrics;
import io.warden.application.port.driven.SessionRepository;
import io.warden.domain.model.tenant.TenantId;
import io.warden.domain.model.user.UserId;
import java.util.Optional;

/**
 * One tier of session state (the revocation check of every request), measured; the writes pass
 * straight through.
 */
public final class MeteredSessions extends ForwardingSessionRepository {
  private final TierTiming states;

  public MeteredSessions(Metrics metrics, Metrics.Tier tier, SessionRepository next) {
    super(next);
    this.states = new TierTiming(metrics, tier, Metrics.Operation.SESSION_STATE);
  }

  @Override
  public Optional<SessionState> state(
      UserId userId, String sessionId, String tokenId, Optional<TenantId> tenantId) {
    long started = states.start();
    try {
      return super.state(userId, sessionId, tokenId, tenantId);
    } finally {
      states.end(started, 1);
    }
  }
}
