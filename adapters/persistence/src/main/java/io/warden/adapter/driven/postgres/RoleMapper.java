package io.warden.adapter.driven.postgres;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.ibatis.annotations.Delete;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;
import org.jspecify.annotations.Nullable;

/**
 * SQL of {@code roles}, their {@link RoleChildren} ({@code role_permissions}, {@code
 * role_includes}) and {@code user_roles}. Every statement names its tenant although row-level
 * security would filter anyway. A role is always read with its permissions in the same statement
 * (an array subquery), so lists cost one query.
 */
interface RoleMapper {

  String ROLE_COLUMNS =
      """
      r.id, r.tenant_id, r.name, r.description, r.system,
      ARRAY(SELECT rp.permission_name FROM role_permissions rp
            WHERE rp.role_id = r.id ORDER BY rp.permission_name) AS permissions,
      ARRAY(SELECT ri.included_role_id FROM role_includes ri
            WHERE ri.tenant_id = r.tenant_id AND ri.role_id = r.id
            ORDER BY ri.included_role_id) AS includes
      """;

  /** An assignment counts while it has no expiry or its expiry lies after {@code now}. */
  String EFFECTIVE = "(ur.expires_at IS NULL OR ur.expires_at > #{now})";

  @Select(
      "SELECT " + ROLE_COLUMNS + " FROM roles r WHERE r.tenant_id = #{tenantId} ORDER BY r.name")
  List<RoleRow> findAll(UUID tenantId);

  /** A page by id (the primary key's order); {@code after} null for the first page. */
  @Select(
      "<script>SELECT "
          + ROLE_COLUMNS
          + " FROM roles r WHERE r.tenant_id = #{tenantId}"
          + "<if test='after != null'> AND r.id &gt; #{after}</if>"
          + " ORDER BY r.id LIMIT #{limit}</script>")
  List<RoleRow> page(
      @Param("tenantId") UUID tenantId,
      @Param("after") @Nullable UUID after,
      @Param("limit") int limit);

  @Select(
      "SELECT " + ROLE_COLUMNS + " FROM roles r WHERE r.tenant_id = #{tenantId} AND r.id = #{id}")
  @Nullable RoleRow findById(UUID tenantId, UUID id);

  @Select(
      "SELECT "
          + ROLE_COLUMNS
          + " FROM roles r WHERE r.tenant_id = #{tenantId} AND r.name = #{name}")
  @Nullable RoleRow findByName(UUID tenantId, String name);

  /** Zero rows when the id or the name in the tenant is taken (the transaction stays usable). */
  @Insert(
      """
      INSERT INTO roles (id, tenant_id, name, description, system)
      VALUES (#{id}, #{tenantId}, #{name}, #{description}, #{system})
      ON CONFLICT DO NOTHING
      """)
  int insert(RoleRow row);

  @Update(
      """
      UPDATE roles SET name = #{name}, description = #{description}
      WHERE tenant_id = #{tenantId} AND id = #{id}
      """)
  int update(RoleRow row);

  /** The role's permissions and assignments go with it (foreign keys ON DELETE CASCADE). */
  @Delete("DELETE FROM roles WHERE tenant_id = #{tenantId} AND id = #{id}")
  int delete(UUID tenantId, UUID id);

  /**
   * Adds the values the role lacks to {@code children}; an undefined permission name, or a role of
   * another tenant, fails the foreign key. Zero rows when the role is not in the tenant.
   */
  @Insert(
      """
      INSERT INTO ${children.table} (tenant_id, role_id, ${children.column})
      SELECT r.tenant_id, r.id, given.value
      FROM roles r, unnest(CAST(#{values} AS ${children.arrayType})) AS given(value)
      WHERE r.tenant_id = #{tenantId} AND r.id = #{roleId}
      ON CONFLICT DO NOTHING
      """)
  int addAll(
      @Param("children") RoleChildren children,
      @Param("tenantId") UUID tenantId,
      @Param("roleId") UUID roleId,
      @Param("values") Object[] values);

  /** Removes every value of the role's {@code children} that is not in {@code keep}. */
  @Delete(
      """
      DELETE FROM ${children.table}
      WHERE tenant_id = #{tenantId} AND role_id = #{roleId}
        AND NOT (${children.column} = ANY(#{keep}))
      """)
  int removeAllExcept(
      @Param("children") RoleChildren children,
      @Param("tenantId") UUID tenantId,
      @Param("roleId") UUID roleId,
      @Param("keep") Object[] keep);

  @Delete(
      """
      DELETE FROM role_permissions
      WHERE tenant_id = #{tenantId} AND role_id = #{roleId} AND permission_name = #{permission}
      """)
  int revoke(UUID tenantId, UUID roleId, String permission);

  /**
   * Serializes the changes to one tenant's inclusion graph until the transaction ends (a
   * transaction-scoped advisory lock keyed by the tenant), so two concurrent edits cannot each pass
   * the cycle check and together close a cycle.
   */
  @Select(
      "SELECT 1 FROM (SELECT pg_advisory_xact_lock("
          + "hashtextextended('warden.role_includes:' || CAST(#{tenantId} AS text), 0))) AS locked")
  Integer lockInclusions(UUID tenantId);

  /**
   * Inserts the (distinct) assignments or changes their expiry, in one statement; counts only the
   * rows that were not there unchanged.
   */
  @Insert(
      """
      <script>
      INSERT INTO user_roles (tenant_id, user_id, role_id, expires_at) VALUES
      <foreach collection='rows' item='r' separator=','>
        (#{r.tenantId}, #{r.userId}, #{r.roleId}, #{r.expiresAt})
      </foreach>
      ON CONFLICT (tenant_id, user_id, role_id) DO UPDATE SET expires_at = EXCLUDED.expires_at
      WHERE user_roles.expires_at IS DISTINCT FROM EXCLUDED.expires_at
      </script>
      """)
  int assignAll(@Param("rows") List<UserRoleRow> rows);

  @Delete(
      """
      DELETE FROM user_roles
      WHERE tenant_id = #{tenantId} AND user_id = #{userId} AND role_id = #{roleId}
      """)
  int unassign(UUID tenantId, UUID userId, UUID roleId);

  @Select(
      "SELECT "
          + ROLE_COLUMNS
          + """
          FROM user_roles ur JOIN roles r ON r.tenant_id = ur.tenant_id AND r.id = ur.role_id
          WHERE ur.tenant_id = #{tenantId} AND ur.user_id = #{userId} AND
          """
          + EFFECTIVE
          + " ORDER BY r.name")
  List<RoleRow> rolesOf(UUID tenantId, UUID userId, Instant now);

  @Select(
      "SELECT ur.user_id AS holder_id, "
          + ROLE_COLUMNS
          + """
          FROM user_roles ur JOIN roles r ON r.tenant_id = ur.tenant_id AND r.id = ur.role_id
          WHERE ur.tenant_id = #{tenantId} AND ur.user_id = ANY(#{userIds}) AND
          """
          + EFFECTIVE
          + " ORDER BY ur.user_id, r.name")
  List<HeldRoleRow> rolesOfAll(
      @Param("tenantId") UUID tenantId,
      @Param("userIds") UUID[] userIds,
      @Param("now") Instant now);

  /**
   * The users assigned the role or a role that includes it (transitively; {@code UNION} stops on a
   * cycle), tenant-wide or for an organization, expired assignments included.
   */
  @Select(
      """
      WITH RECURSIVE up (role_id) AS (
          SELECT CAST(#{roleId} AS uuid)
        UNION
          SELECT ri.role_id FROM role_includes ri
          JOIN up ON ri.tenant_id = #{tenantId} AND ri.included_role_id = up.role_id
      )
      SELECT ur.user_id FROM user_roles ur JOIN up ON ur.role_id = up.role_id
      WHERE ur.tenant_id = #{tenantId}
      UNION
      SELECT sur.user_id FROM scoped_user_roles sur JOIN up ON sur.role_id = up.role_id
      WHERE sur.tenant_id = #{tenantId}
      LIMIT #{atMost}
      """)
  List<UUID> holdersReaching(
      @Param("tenantId") UUID tenantId, @Param("roleId") UUID roleId, @Param("atMost") int atMost);
}
