package io.warden.adapter.driven.postgres;

import java.util.List;
import java.util.UUID;
import org.apache.ibatis.annotations.Delete;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.jspecify.annotations.Nullable;

/**
 * SQL of {@code memberships}. Every statement names its tenant although row-level security would
 * filter anyway: the policy is the safety net, not the query plan.
 */
interface MembershipMapper {

  @Select(
      """
      SELECT tenant_id, user_id, active FROM memberships
      WHERE tenant_id = #{tenantId} AND user_id = #{userId}
      """)
  @Nullable MembershipRow find(UUID tenantId, UUID userId);

  /** Zero rows when the user is a member already (the transaction stays usable). */
  @Insert(
      """
      INSERT INTO memberships (tenant_id, user_id, active) VALUES (#{tenantId}, #{userId}, #{active})
      ON CONFLICT DO NOTHING
      """)
  int insert(MembershipRow row);

  /** A duplicate fails the statement (and the transaction): all or nothing. */
  @Insert(
      """
      <script>
      INSERT INTO memberships (tenant_id, user_id, active) VALUES
      <foreach collection='rows' item='r' separator=','>
        (#{r.tenantId}, #{r.userId}, #{r.active})
      </foreach>
      </script>
      """)
  int insertAll(@Param("rows") List<MembershipRow> rows);

  /** The membership's role assignments go with it (foreign key ON DELETE CASCADE). */
  @Delete("DELETE FROM memberships WHERE tenant_id = #{tenantId} AND user_id = #{userId}")
  int delete(UUID tenantId, UUID userId);

  /** Active or not: the rows {@link #page} walks. */
  @Select("SELECT count(*) FROM memberships WHERE tenant_id = #{tenantId}")
  long count(UUID tenantId);

  @Select(
      """
      <script>
      SELECT tenant_id, user_id, active FROM memberships
      WHERE tenant_id = #{tenantId}
      <if test='after != null'> AND user_id &gt; #{after}</if>
      ORDER BY user_id
      LIMIT #{limit}
      </script>
      """)
  List<MembershipRow> page(
      @Param("tenantId") UUID tenantId,
      @Param("after") @Nullable UUID after,
      @Param("limit") int limit);
}
