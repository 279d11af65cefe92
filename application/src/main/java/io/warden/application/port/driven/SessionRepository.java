package io.warden.application.port.driven;

import io.warden.domain.model.tenant.TenantId;
import io.warden.domain.model.user.UserId;
import java.time.Instant;
import java.util.Optional;

/**
 * Sessions: a session is one login and the refresh-token family descending from it. Refresh tokens
 * are stored only as hashes. Calls run {@link Transactions#acrossTenants}.
 */
public interface SessionRepository {

  void createSession(String sessionId, UserId userId, Instant createdAt);

  /** Stores a new, unspent refresh token (by hash) of a session, scoped to {@code tenantId}. */
  void storeRefreshToken(
      String tokenHash, String sessionId, Optional<TenantId> tenantId, Instant expiresAt);

  /**
   * Marks the refresh token spent and returns what it was, atomically: of two concurrent uses
   * exactly one sees it unspent. Empty if no such token exists.
   */
  Optional<RefreshToken> spend(String tokenHash, Instant now);

  /** Revokes one session; its access and refresh tokens stop working. */
  void revokeSession(String sessionId, Instant now);

  /** Revokes every session of the user. */
  void revokeAllSessions(UserId userId, Instant now);

  /** Records a revoked access token id until {@code expiresAt} (when it would die anyway). */
  void revokeToken(String tokenId, Instant expiresAt);

  /**
   * Everything needed to decide whether an access token still stands, in one query. Unlike the
   * other calls it may also be made outside a transaction (it then runs in one of its own), so that
   * a cached implementation answers the revocation check of a warm token without the database.
   */
  Optional<SessionState> state(
      UserId userId, String sessionId, String tokenId, Optional<TenantId> tenantId);

  /** A refresh token as stored; {@code spentBefore} true when it had already been used. */
  record RefreshToken(
      String sessionId,
      UserId userId,
      Optional<TenantId> tenantId,
      Instant expiresAt,
      boolean spentBefore,
      boolean sessionRevoked) {}

  /**
   * The revocation state of an access token. {@code tenantActive} and {@code member} describe the
   * token's tenant (both false when it has none or it does not exist).
   */
  record SessionState(
      boolean userActive,
      boolean systemAdmin,
      Instant tokensValidAfter,
      boolean sessionRevoked,
      boolean tokenRevoked,
      boolean tenantActive,
      boolean member) {}
}
