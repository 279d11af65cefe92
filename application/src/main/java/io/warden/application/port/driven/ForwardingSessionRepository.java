package io.warden.application.port.driven;

import io.warden.domain.model.tenant.TenantId;
import io.warden.domain.model.user.UserId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A {@link SessionRepository} that passes every call to the next one: the base of a decorator that
 * changes a few calls (a cache or a meter of {@link #state}) and leaves the others alone.
 */
public abstract class ForwardingSessionRepository implements SessionRepository {
  private final SessionRepository next;

  protected ForwardingSessionRepository(SessionRepository next) {
    this.next = next;
  }

  /** The repository every call goes to unless overridden. */
  protected final SessionRepository next() {
    return next;
  }

  @Override
  public void createSession(String sessionId, UserId userId, Instant createdAt, Instant expiresAt) {
    next.createSession(sessionId, userId, createdAt, expiresAt);
  }

  @Override
  public Optional<Instant> sessionExpiry(String sessionId) {
    return next.sessionExpiry(sessionId);
  }

  @Override
  public void markRefreshed(String sessionId, Instant at) {
    next.markRefreshed(sessionId, at);
  }

  @Override
  public List<LiveSession> liveSessions(UserId userId, Instant now) {
    return next.liveSessions(userId, now);
  }

  @Override
  public boolean endSession(UserId userId, String sessionId, Instant now) {
    return next.endSession(userId, sessionId, now);
  }

  @Override
  public int purgeExpiredRefreshTokens(Instant expiredBy, int limit) {
    return next.purgeExpiredRefreshTokens(expiredBy, limit);
  }

  @Override
  public int purgeExpiredTokenIds(Instant expiredBy, int limit) {
    return next.purgeExpiredTokenIds(expiredBy, limit);
  }

  @Override
  public int purgeEndedSessions(Instant endedBy, int limit) {
    return next.purgeEndedSessions(endedBy, limit);
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

  @Override
  public Optional<SessionState> state(
      UserId userId, String sessionId, String tokenId, Optional<TenantId> tenantId) {
    return next.state(userId, sessionId, tokenId, tenantId);
  }
}
