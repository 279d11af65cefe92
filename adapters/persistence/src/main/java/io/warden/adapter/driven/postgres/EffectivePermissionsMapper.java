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
   * their active membership whose assignment is effective at {@code now}, valid until the earliest
   * expiry among the assignments that granted something. {@code cacheable} says whether the user
   * belongs in the tenant's caches: a system administrator or a member (active or not), not a
   * stranger or an id of no one.
   */
  @Select(
      """
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
      LEFT JOIN LATERAL (
          SELECT array_agg(DISTINCT rp.permission_name ORDER BY rp.permission_name) AS names,
                 min(ur.expires_at) AS valid_until
          FROM memberships m
          JOIN user_roles ur ON ur.tenant_id = m.tenant_id AND ur.user_id = m.user_id
          JOIN role_permissions rp ON rp.tenant_id = ur.tenant_id AND rp.role_id = ur.role_id
          WHERE m.tenant_id = #{tenantId} AND m.user_id = requested.user_id AND m.active
            AND (ur.expires_at IS NULL OR ur.expires_at > #{now})
      ) granted ON true
      """)
  List<PermissionSnapshotRow> of(
      @Param("tenantId") UUID tenantId,
      @Param("userIds") UUID[] userIds,
      @Param("now") Instant now);
}
