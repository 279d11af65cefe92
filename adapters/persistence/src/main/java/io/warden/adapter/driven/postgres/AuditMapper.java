package io.warden.adapter.driven.postgres;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.ibatis.annotations.Delete;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.jspecify.annotations.Nullable;

/** SQL of {@code audit_events}; row-level security scopes every statement to the transaction. */
interface AuditMapper {

  /** The actor's e-mail is copied from their row now: the event keeps it as it was. */
  @Insert(
      """
      INSERT INTO audit_events (id, at, actor_id, actor_email, action, tenant_id, target, details,
                                request_id)
      VALUES (#{id}, #{at}, #{actorId}, (SELECT email FROM users WHERE id = #{actorId}), #{action},
              #{tenantId}, CAST(#{target} AS jsonb), CAST(#{details} AS jsonb), #{requestId})
      """)
  int insert(AuditRow row);

  /**
   * Newest first, keyset-paged: {@code (at, id) < (afterAt, afterId)} walks the index backwards
   * from where the previous page ended, however deep the page.
   */
  @Select(
      """
      <script>
      SELECT id, at, actor_id, actor_email, action, tenant_id, target::text AS target,
             details::text AS details, request_id
      FROM audit_events
      <where>
        <if test='tenantId != null'>tenant_id = #{tenantId}</if>
        <if test='action != null'>AND action = #{action}</if>
        <if test='actorId != null'>AND actor_id = #{actorId}</if>
        <if test='since != null'>AND at &gt;= #{since}</if>
        <if test='until != null'>AND at &lt; #{until}</if>
        <if test='afterAt != null'>AND (at, id) &lt; (#{afterAt}, #{afterId})</if>
      </where>
      ORDER BY at DESC, id DESC
      LIMIT #{limit}
      </script>
      """)
  List<AuditRow> page(
      @Param("tenantId") @Nullable UUID tenantId,
      @Param("action") @Nullable String action,
      @Param("actorId") @Nullable UUID actorId,
      @Param("since") @Nullable Instant since,
      @Param("until") @Nullable Instant until,
      @Param("afterAt") @Nullable Instant afterAt,
      @Param("afterId") @Nullable UUID afterId,
      @Param("limit") int limit);

  @Delete("DELETE FROM audit_events WHERE at < #{cutoff}")
  int purgeBefore(Instant cutoff);
}
