package io.warden.application.metering;

import io.warden.application.port.driven.Metrics;
import io.warden.application.port.driven.SessionRepository;
import io.warden.domain.model.tenant.TenantId;
import io.warden.domain.model.user.UserId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One tier of session state (the revocation check of every request), measured; the writes pass
 * straight through.
 */
public final class MeteredSessions implements SessionRepository {
  private final Metrics metrics;
  private final Metrics.Tier tier;
  private final SessionRepository next;

  public MeteredSessions(Metrics metrics, Metrics.Tier tier, SessionRepository next) {
    this.metrics = Objects.requireNonNull(metrics, "metrics");
    this.tier = Objects.requireNonNull(tier, "tier");
    this.next = Objects.requireNonNull(next, "next");
  }

  @Override
  public Optional<SessionState> state(
      UserId userId, String sessionId, String tokenId, Optional<TenantId> tenantId) {
    long start = System.nanoTime();
    try {
      return next.state(userId, sessionId, tokenId, tenantId);
    } finally {
      metrics.tier(tier, Metrics.Operation.SESSION_STATE, 1, System.nanoTime() - start);
    }
  }

  @Override
  public void createSession(String sessionId, UserId userId, Instant createdAt) {
    next.createSession(sessionId, userId, createdAt);
  }

  @Override
  public void storeRefreshToken(
      String tokenHash, String sessionId, Optional<TenantId> tenantId, Instant expiresAt) {
    next.storeRefreshToken(tokenHash, sessionId, tenantId, expiresAt);
  }

  @Override
  public Optional<RefreshToken> spend(String tokenHash, Instant now) {
    return next.spend(tokenHash, now);
  }

  @Override
  public void revokeSession(String sessionId, Instant now) {
    next.revokeSession(sessionId, now);
  }

  @Override
  public void revokeAllSessions(UserId userId, Instant now) {
    next.revokeAllSessions(userId, now);
  }

  @Override
  public void revokeToken(String tokenId, Instant expiresAt) {
    next.revokeToken(tokenId, expiresAt);
  }
}
