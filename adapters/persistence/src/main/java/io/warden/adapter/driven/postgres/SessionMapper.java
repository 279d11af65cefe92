package io.warden.adapter.driven.postgres;

import io.warden.application.port.driven.SessionRepository.SessionState;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.ibatis.annotations.Delete;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;
import org.jspecify.annotations.Nullable;

/** SQL of {@code sessions}, {@code refresh_tokens} and {@code revoked_tokens}. */
interface SessionMapper {

  @Insert(
      """
      INSERT INTO sessions (id, user_id, created_at, expires_at)
      VALUES (#{sessionId}, #{userId}, #{createdAt}, #{expiresAt})
      """)
  int createSession(String sessionId, UUID userId, Instant createdAt, Instant expiresAt);

  @Select("SELECT expires_at FROM sessions WHERE id = #{sessionId}")
  @Nullable Instant sessionExpiry(String sessionId);

  @Update("UPDATE sessions SET last_refreshed_at = #{at} WHERE id = #{sessionId}")
  int markRefreshed(String sessionId, Instant at);

  @Select(
      """
      SELECT id, created_at, last_refreshed_at, expires_at FROM sessions
      WHERE user_id = #{userId} AND revoked_at IS NULL AND expires_at > #{now}
      ORDER BY created_at DESC, id DESC
      """)
  List<LiveSessionRow> liveSessions(UUID userId, Instant now);

  @Update(
      """
      UPDATE sessions SET revoked_at = #{now}
      WHERE id = #{sessionId} AND user_id = #{userId} AND revoked_at IS NULL
        AND expires_at > #{now}
      """)
  int endSession(UUID userId, String sessionId, Instant now);

  /**
   * The purges delete at most {@code limit} rows each, found through their expiry index, so that
   * one statement never holds locks on a large part of a table.
   */
  @Delete(
      """
      DELETE FROM refresh_tokens WHERE token_hash IN (
          SELECT token_hash FROM refresh_tokens WHERE expires_at <= #{expiredBy} LIMIT #{limit})
      """)
  int purgeExpiredRefreshTokens(Instant expiredBy, int limit);

  @Delete(
      """
      DELETE FROM revoked_tokens WHERE jti IN (
          SELECT jti FROM revoked_tokens WHERE expires_at <= #{expiredBy} LIMIT #{limit})
      """)
  int purgeExpiredTokenIds(Instant expiredBy, int limit);

  /** Their refresh tokens go with them ({@code ON DELETE CASCADE}). */
  @Delete(
      """
      DELETE FROM sessions WHERE id IN (
          SELECT id FROM sessions WHERE expires_at <= #{endedBy}
          UNION
          SELECT id FROM sessions WHERE revoked_at <= #{endedBy}
          LIMIT #{limit})
      """)
  int purgeEndedSessions(Instant endedBy, int limit);

  @Insert(
      """
      INSERT INTO refresh_tokens (token_hash, session_id, tenant_id, expires_at)
      VALUES (#{tokenHash}, #{sessionId}, #{tenantId}, #{expiresAt})
      """)
  int storeRefreshToken(
      String tokenHash, String sessionId, @Nullable UUID tenantId, Instant expiresAt);

  /**
   * Flips the token to spent and reports whether this statement did it. The conditional UPDATE is
   * the atomic part: of two concurrent spenders the second waits for the first's row lock, then
   * re-checks {@code spent_at IS NULL} on the committed row and updates nothing, so exactly one
   * sees {@code spent_before = false}.
   */
  @Select(
      """
      WITH spent AS (
          UPDATE refresh_tokens SET spent_at = #{now}
          WHERE token_hash = #{tokenHash} AND spent_at IS NULL
          RETURNING token_hash)
      SELECT t.session_id, s.user_id, t.tenant_id, t.expires_at,
             NOT EXISTS (SELECT 1 FROM spent) AS spent_before,
             s.revoked_at IS NOT NULL AS session_revoked,
             s.expires_at AS session_expires_at
      FROM refresh_tokens t JOIN sessions s ON s.id = t.session_id
      WHERE t.token_hash = #{tokenHash}
      """)
  @Nullable SpentTokenRow spend(String tokenHash, Instant now);

  @Update("UPDATE sessions SET revoked_at = #{now} WHERE id = #{sessionId} AND revoked_at IS NULL")
  int revokeSession(String sessionId, Instant now);

  @Update(
      "UPDATE sessions SET revoked_at = #{now} WHERE user_id = #{userId} AND revoked_at IS NULL")
  int revokeAllSessions(UUID userId, Instant now);

  /** Keeps the later expiry when the same id is revoked twice. */
  @Insert(
      """
      INSERT INTO revoked_tokens (jti, expires_at) VALUES (#{tokenId}, #{expiresAt})
      ON CONFLICT (jti) DO UPDATE SET expires_at = GREATEST(revoked_tokens.expires_at,
                                                            EXCLUDED.expires_at)
      """)
  int revokeToken(String tokenId, Instant expiresAt);

  /**
   * A session that does not exist or belongs to someone else counts as revoked: an unknown session
   * must never keep a token alive.
   */
  @Select(
      """
      SELECT u.active AS user_active,
             u.system_admin,
             u.tokens_valid_after,
             NOT EXISTS (SELECT 1 FROM sessions s
                         WHERE s.id = #{sessionId} AND s.user_id = u.id
                           AND s.revoked_at IS NULL) AS session_revoked,
             EXISTS (SELECT 1 FROM revoked_tokens r WHERE r.jti = #{tokenId}) AS token_revoked,
             EXISTS (SELECT 1 FROM tenants t
                     WHERE t.id = CAST(#{tenantId} AS uuid) AND t.active) AS tenant_active,
             EXISTS (SELECT 1 FROM memberships m
                     WHERE m.tenant_id = CAST(#{tenantId} AS uuid) AND m.user_id = u.id
                       AND m.active) AS member
      FROM users u
      WHERE u.id = #{userId}
      """)
  @Nullable SessionState state(
      UUID userId, String sessionId, String tokenId, @Nullable UUID tenantId);
}
