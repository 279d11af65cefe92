package io.warden.adapter.driven.postgres;

import java.time.Instant;
import java.util.UUID;
import org.apache.ibatis.annotations.Delete;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Select;
import org.jspecify.annotations.Nullable;

/** SQL of {@code event_tickets}. */
interface EventTicketMapper {

  @Insert(
      """
      INSERT INTO event_tickets (ticket_hash, user_id, tenant_id, session_id, token_id,
                                 issued_at, token_expires_at, expires_at)
      VALUES (#{ticketHash}, #{userId}, #{tenantId}, #{sessionId}, #{tokenId},
              #{issuedAt}, #{tokenExpiresAt}, #{expiresAt})
      """)
  int store(
      String ticketHash,
      UUID userId,
      UUID tenantId,
      String sessionId,
      String tokenId,
      Instant issuedAt,
      Instant tokenExpiresAt,
      Instant expiresAt);

  /**
   * Deletes the ticket and returns it: the DELETE is the atomic part, of two concurrent redeemers
   * the second finds no row. An expired ticket is deleted as well, and returns nothing.
   */
  @Select(
      """
      WITH redeemed AS (
          DELETE FROM event_tickets WHERE ticket_hash = #{ticketHash}
          RETURNING user_id, tenant_id, session_id, token_id, issued_at, token_expires_at,
                    expires_at)
      SELECT user_id, tenant_id, session_id, token_id, issued_at, token_expires_at
      FROM redeemed WHERE expires_at > #{now}
      """)
  @Nullable EventTicketRow redeem(String ticketHash, Instant now);

  @Delete(
      """
      DELETE FROM event_tickets WHERE ticket_hash IN (
          SELECT ticket_hash FROM event_tickets WHERE expires_at <= #{expiredBy} LIMIT #{limit})
      """)
  int purgeExpired(Instant expiredBy, int limit);
}
