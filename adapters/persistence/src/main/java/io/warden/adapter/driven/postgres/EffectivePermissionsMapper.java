package io.warden.adapter.driven.postgres;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;

/** The permission query: the cold path of every permission check. */
interface EffectivePermissionsMapper {

  /**
   * One row per requested user, in one statement: the data version and the permissions come from
   * the same snapshot. A deactivated user, or anyone in a deactivated tenant, holds nothing (fail
   * closed: checks about another user must not outlive the user). A system administrator holds
   * every defined permission (and nothing of that expires); anyone else the union over the roles of
   * their active membership whose assignment is effective at {@code now} and over every role those
   * include, transitively (the recursive {@code reach}: one traversal for all requested users;
   * {@code UNION} makes it stop even on a cycle, which the service never lets in), valid until the
   * earliest expiry among the assignments that granted something, directly or by inclusion. {@code
   * cacheable} says whether the user belongs in the tenant's caches: a system administrator or a
   * member (active or not), not a stranger or an id of no one.
   */
  @Select(
      """
      WITH RECURSIVE reach (user_id, role_id, expires_at) AS (
          SELECT ur.user_id, ur.role_id, ur.expires_at
          FROM memberships m
          JOIN user_roles ur ON ur.tenant_id = m.tenant_id AND ur.user_id = m.user_id
          WHERE m.tenant_id = #{tenantId} AND m.active
            AND m.user_id = ANY(CAST(#{userIds} AS uuid[]))
            AND (ur.expires_at IS NULL OR ur.expires_at > #{now})
        UNION
          SELECT reach.user_id, ri.included_role_id, reach.expires_at
          FROM reach
          JOIN role_includes ri ON ri.tenant_id = #{tenantId} AND ri.role_id = reach.role_id
      ), granted AS (
          SELECT reach.user_id,
                 array_agg(DISTINCT rp.permission_name ORDER BY rp.permission_name) AS names,
                 min(reach.expires_at) AS valid_until
          FROM reach
          JOIN role_permissions rp ON rp.tenant_id = #{tenantId} AND rp.role_id = reach.role_id
          GROUP BY reach.user_id
      )
      SELECT requested.user_id,
             clock.version,
             CASE WHEN NOT (COALESCE(u.active, false) AND COALESCE(t.active, false))
                  THEN '{}'
                  WHEN u.system_admin
                  THEN ARRAY(SELECT p.name FROM permissions p ORDER BY p.name)
                  ELSE COALESCE(granted.names, '{}')
             END AS permissions,
             CASE WHEN COALESCE(u.system_admin, false) THEN NULL
                  ELSE granted.valid_until
             END AS valid_until,
             COALESCE(u.system_admin, false) OR member.user_id IS NOT NULL AS cacheable
      FROM unnest(CAST(#{userIds} AS uuid[])) AS requested(user_id)
      CROSS JOIN rbac_clock clock
      LEFT JOIN tenants t ON t.id = #{tenantId}
      LEFT JOIN users u ON u.id = requested.user_id
      LEFT JOIN memberships member
             ON member.tenant_id = #{tenantId} AND member.user_id = requested.user_id
      LEFT JOIN granted ON granted.user_id = requested.user_id
      """)
  List<PermissionSnapshotRow> of(
      @Param("tenantId") UUID tenantId,
      @Param("userIds") UUID[] userIds,
      @Param("now") Instant now);
}
