package io.warden.application.port.driven;

import io.warden.domain.model.tenant.TenantId;
import io.warden.domain.model.user.UserId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Sessions: a session is one login and the refresh-token family descending from it. It ends at a
 * fixed instant set when it is created, whatever refreshes happen. Refresh tokens are stored only
 * as hashes. Calls run {@link Transactions#acrossTenants}.
 */
public interface SessionRepository {

  /** Opens a session that ends at {@code expiresAt} at the latest. */
  void createSession(String sessionId, UserId userId, Instant createdAt, Instant expiresAt);

  /** When the session ends (or ended); empty if it does not exist. Revocation is not considered. */
  Optional<Instant> sessionExpiry(String sessionId);

  /** Records that the session's refresh token was rotated at {@code at}. */
  void markRefreshed(String sessionId, Instant at);

  /** The user's sessions neither revoked nor ended at {@code now}, the newest first. */
  List<LiveSession> liveSessions(UserId userId, Instant now);

  /**
   * Revokes the session if it is the user's and still live at {@code now}; false (and nothing
   * changed) for another user's session, an unknown one or one already ended.
   */
  boolean endSession(UserId userId, String sessionId, Instant now);

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
   * Deletes up to {@code limit} refresh tokens that expired at or before {@code expiredBy}; returns
   * how many. The background purge calls it until it returns less than {@code limit}.
   */
  int purgeExpiredRefreshTokens(Instant expiredBy, int limit);

  /** Deletes up to {@code limit} revoked token ids whose tokens expired by {@code expiredBy}. */
  int purgeExpiredTokenIds(Instant expiredBy, int limit);

  /**
   * Deletes up to {@code limit} sessions that ended by {@code endedBy} (their lifetime over, or
   * revoked at or before it), with their refresh tokens. A deleted session reads as revoked.
   */
  int purgeEndedSessions(Instant endedBy, int limit);

  /**
   * Everything needed to decide whether an access token still stands, in one query. Unlike the
   * other calls it may also be made outside a transaction (it then runs in one of its own), so that
   * a cached implementation answers the revocation check of a warm token without the database.
   */
  Optional<SessionState> state(
      UserId userId, String sessionId, String tokenId, Optional<TenantId> tenantId);

  /**
   * A refresh token as stored; {@code spentBefore} true when it had already been used, {@code
   * sessionExpiresAt} the end of its session.
   */
  record RefreshToken(
      String sessionId,
      UserId userId,
      Optional<TenantId> tenantId,
      Instant expiresAt,
      boolean spentBefore,
      boolean sessionRevoked,
      Instant sessionExpiresAt) {}

  /** A live session; {@code lastRefreshedAt} empty until its refresh token is first rotated. */
  record LiveSession(
      String id, Instant createdAt, Optional<Instant> lastRefreshedAt, Instant expiresAt) {}

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
