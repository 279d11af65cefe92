package io.warden.adapter.driven.postgres;

import java.util.List;
import java.util.UUID;
import org.apache.ibatis.annotations.Delete;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.jspecify.annotations.Nullable;

/**
 * Advances the data version ({@code rbac_clock}), stamping it on the changed row in the same
 * statement, and queues the invalidation message in the current transaction.
 */
interface JournalMapper {

  @Select("UPDATE rbac_clock SET version = version + 1 RETURNING version")
  long advance();

  @Select(
      """
      WITH clock AS (UPDATE rbac_clock SET version = version + 1 RETURNING version),
           stamp AS (UPDATE tenants SET version = (SELECT version FROM clock) WHERE id = #{tenantId})
      SELECT version FROM clock
      """)
  long advanceTenant(UUID tenantId);

  @Select(
      """
      WITH clock AS (UPDATE rbac_clock SET version = version + 1 RETURNING version),
           stamp AS (UPDATE users SET version = (SELECT version FROM clock) WHERE id = #{userId})
      SELECT version FROM clock
      """)
  long advanceUser(UUID userId);

  @Select(
      """
      WITH clock AS (UPDATE rbac_clock SET version = version + 1 RETURNING version),
           stamp AS (UPDATE memberships SET version = (SELECT version FROM clock)
                     WHERE tenant_id = #{tenantId} AND user_id = #{userId})
      SELECT version FROM clock
      """)
  long advanceMembership(UUID tenantId, UUID userId);

  @Select(
      """
      WITH clock AS (UPDATE rbac_clock SET version = version + 1 RETURNING version),
           stamp AS (UPDATE roles SET version = (SELECT version FROM clock)
                     WHERE tenant_id = #{tenantId} AND id = #{roleId})
      SELECT version FROM clock
      """)
  long advanceRole(UUID tenantId, UUID roleId);

  @Select(
      """
      WITH clock AS (UPDATE rbac_clock SET version = version + 1 RETURNING version),
           stamp AS (UPDATE user_roles SET version = (SELECT version FROM clock)
                     WHERE tenant_id = #{tenantId} AND user_id = #{userId} AND role_id = #{roleId})
      SELECT version FROM clock
      """)
  long advanceAssignment(UUID tenantId, UUID userId, UUID roleId);

  /**
   * Queues {@code payload} and logs {@code logged} (the same message, without what only live
   * listeners use) under its version in {@code change_log}, in one statement of the caller's
   * transaction: PostgreSQL delivers it to every listener, and keeps it for a listener that
   * reconnects later, when, and only if, the transaction commits.
   */
  @Select(
      "WITH logged AS (INSERT INTO change_log (version, message) VALUES (#{version}, #{logged}))"
          + " SELECT pg_notify('"
          + InvalidationMessage.CHANNEL
          + "', #{payload})")
  String notify(
      @Param("version") long version,
      @Param("logged") String logged,
      @Param("payload") String payload);

  /** The logged messages with {@code after < version <= upTo}, oldest first. */
  @Select(
      """
      SELECT message FROM change_log WHERE version > #{after} AND version <= #{upTo}
      ORDER BY version
      """)
  List<String> logged(@Param("after") long after, @Param("upTo") long upTo);

  /** Forgets logged messages of versions up to {@code upTo}. */
  @Delete("DELETE FROM change_log WHERE version <= #{upTo}")
  int prune(long upTo);

  @Select("SELECT version FROM rbac_clock")
  long current();

  /** Locks the clock row until the transaction ends, as advancing it does, without advancing. */
  @Select("SELECT version FROM rbac_clock FOR UPDATE")
  long hold();

  /**
   * A new shared-cache epoch is a change of its own: it takes a data version too. Only from epoch
   * {@code from} (any, if negative): {@code null} if the epoch is no longer {@code from}.
   */
  @Select(
      """
      UPDATE rbac_clock SET cache_epoch = cache_epoch + 1, version = version + 1
      WHERE #{from} < 0 OR cache_epoch = #{from}
      RETURNING version, cache_epoch
      """)
  @Nullable ClockRow advanceCacheEpoch(long from);

  @Select("SELECT version, cache_epoch FROM rbac_clock")
  ClockRow clock();
}
