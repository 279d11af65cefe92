package io.warden.adapter.driven.postgres;

import io.warden.application.port.driven.SessionRepository;
import io.warden.domain.model.tenant.TenantId;
import io.warden.domain.model.user.UserId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Sessions, refresh tokens (by hash) and revoked access-token ids. */
final class PostgresSessionRepository extends MapperBacked<SessionMapper>
    implements SessionRepository {
  PostgresSessionRepository(PostgresTransactions transactions) {
    super(transactions, SessionMapper.class);
  }

  @Override
  public void createSession(String sessionId, UserId userId, Instant createdAt, Instant expiresAt) {
    sql().createSession(sessionId, userId.value(), createdAt, expiresAt);
  }

  @Override
  public Optional<Instant> sessionExpiry(String sessionId) {
    return Optional.ofNullable(sql().sessionExpiry(sessionId));
  }

  @Override
  public void markRefreshed(String sessionId, Instant at) {
    sql().markRefreshed(sessionId, at);
  }

  @Override
  public List<LiveSession> liveSessions(UserId userId, Instant now) {
    return sql().liveSessions(userId.value(), now).stream()
        .map(
            row ->
                new LiveSession(
                    row.id(),
                    row.createdAt(),
                    Optional.ofNullable(row.lastRefreshedAt()),
                    row.expiresAt()))
        .toList();
  }

  @Override
  public boolean endSession(UserId userId, String sessionId, Instant now) {
    return sql().endSession(userId.value(), sessionId, now) == 1;
  }

  @Override
  public int purgeExpiredRefreshTokens(Instant expiredBy, int limit) {
    return sql().purgeExpiredRefreshTokens(expiredBy, limit);
  }

  @Override
  public int purgeExpiredTokenIds(Instant expiredBy, int limit) {
    return sql().purgeExpiredTokenIds(expiredBy, limit);
  }

  @Override
  public int purgeEndedSessions(Instant endedBy, int limit) {
    return sql().purgeEndedSessions(endedBy, limit);
  }

  @Override
  public void storeRefreshToken(
      String tokenHash, String sessionId, Optional<TenantId> tenantId, Instant expiresAt) {
    sql()
        .storeRefreshToken(
            tokenHash, sessionId, tenantId.map(TenantId::value).orElse(null), expiresAt);
  }

  @Override
  public Optional<RefreshToken> spend(String tokenHash, Instant now) {
    SpentTokenRow row = sql().spend(tokenHash, now);
    if (row == null) {
      return Optional.empty();
    }
    return Optional.of(
        new RefreshToken(
            row.sessionId(),
            new UserId(row.userId()),
            Optional.ofNullable(row.tenantId()).map(TenantId::new),
            row.expiresAt(),
            row.spentBefore(),
            row.sessionRevoked(),
            row.sessionExpiresAt()));
  }

  @Override
  public void revokeSession(String sessionId, Instant now) {
    sql().revokeSession(sessionId, now);
  }

  @Override
  public void revokeAllSessions(UserId userId, Instant now) {
    sql().revokeAllSessions(userId.value(), now);
  }

  @Override
  public void revokeToken(String tokenId, Instant expiresAt) {
    sql().revokeToken(tokenId, expiresAt);
  }

  /**
   * {@code member} means an active membership of the token's tenant. Reads memberships of any
   * tenant, so it needs {@code acrossTenants} (or a transaction in the token's own tenant); called
   * outside a transaction it opens one of its own across tenants, so that the revocation check
   * opens none when a cache in front of this repository answers.
   */
  @Override
  public Optional<SessionState> state(
      UserId userId, String sessionId, String tokenId, Optional<TenantId> tenantId) {
    if (!transactions.active()) {
      return transactions.acrossTenants(() -> state(userId, sessionId, tokenId, tenantId));
    }
    Optional<TenantId> scope = transactions.scope();
    if (scope.isPresent() && tenantId.isPresent() && !scope.equals(tenantId)) {
      throw new IllegalStateException(
          "the session state of a token of tenant " + tenantId.get() + " read in " + scope.get());
    }
    UUID tenant = tenantId.map(TenantId::value).orElse(null);
    return Optional.ofNullable(sql().state(userId.value(), sessionId, tokenId, tenant));
  }
}
