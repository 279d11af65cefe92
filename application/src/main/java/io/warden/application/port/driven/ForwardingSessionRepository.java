package io.warden.application.port.driven;

import io.warden.domain.model.tenant.TenantId;
import io.warden.domain.model.user.UserId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link SessionRepository} that passes every call to the next one: the base of a decorator that
 * changes a few calls (a cache or a meter of {@link #state}) and leaves the others alone.
 */
public abstract class ForwardingSessionRepository implements SessionRepository {
  private final SessionRepository next;

  protected ForwardingSessionRepository(SessionRepository next) {
    this.next = Objects.requireNonNull(next, "next");
  }

  /** The repository every call goes to unless overridden. */
  protected final SessionRepository next() {
    return next;
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

  @Override
  public Optional<SessionState> state(
      UserId userId, String sessionId, String tokenId, Optional<TenantId> tenantId) {
    return next.state(userId, sessionId, tokenId, tenantId);
  }
}
