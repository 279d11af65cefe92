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
   *
   * <p>The organization-scoped assignments ({@code scoped_user_roles}) are traversed the same way,
   * apart ({@code scoped_reach}): {@code scoped} holds one {@code organizationId|name,name,...} per
   * organization the user was assigned something for, and their expiries bound {@code valid_until}
   * too. A system administrator, who holds everything tenant-wide, and anyone holding nothing, get
   * none.
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
      ), scoped_reach (user_id, organization_id, role_id, expires_at) AS (
          SELECT sur.user_id, sur.organization_id, sur.role_id, sur.expires_at
          FROM memberships m
          JOIN scoped_user_roles sur ON sur.tenant_id = m.tenant_id AND sur.user_id = m.user_id
          WHERE m.tenant_id = #{tenantId} AND m.active
            AND m.user_id = ANY(CAST(#{userIds} AS uuid[]))
            AND (sur.expires_at IS NULL OR sur.expires_at > #{now})
        UNION
          SELECT s.user_id, s.organization_id, ri.included_role_id, s.expires_at
          FROM scoped_reach s
          JOIN role_includes ri ON ri.tenant_id = #{tenantId} AND ri.role_id = s.role_id
      ), scoped_granted AS (
          SELECT s.user_id, s.organization_id,
                 string_agg(DISTINCT rp.permission_name, ',' ORDER BY rp.permission_name) AS names,
                 min(s.expires_at) AS valid_until
          FROM scoped_reach s
          JOIN role_permissions rp ON rp.tenant_id = #{tenantId} AND rp.role_id = s.role_id
          GROUP BY s.user_id, s.organization_id
      ), scoped AS (
          SELECT user_id,
                 array_agg(CAST(organization_id AS text) || '|' || names
                           ORDER BY organization_id) AS grants,
                 min(valid_until) AS valid_until
          FROM scoped_granted
          GROUP BY user_id
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
                  ELSE LEAST(granted.valid_until, scoped.valid_until)
             END AS valid_until,
             COALESCE(u.system_admin, false) OR member.user_id IS NOT NULL AS cacheable,
             CASE WHEN NOT (COALESCE(u.active, false) AND COALESCE(t.active, false))
                       OR u.system_admin
                  THEN '{}'
                  ELSE COALESCE(scoped.grants, '{}')
             END AS scoped
      FROM unnest(CAST(#{userIds} AS uuid[])) AS requested(user_id)
      CROSS JOIN rbac_clock clock
      LEFT JOIN tenants t ON t.id = #{tenantId}
      LEFT JOIN users u ON u.id = requested.user_id
      LEFT JOIN memberships member
             ON member.tenant_id = #{tenantId} AND member.user_id = requested.user_id
      LEFT JOIN granted ON granted.user_id = requested.user_id
      LEFT JOIN scoped ON scoped.user_id = requested.user_id
      """)
  List<PermissionSnapshotRow> of(
      @Param("tenantId") UUID tenantId,
      @Param("userIds") UUID[] userIds,
      @Param("now") Instant now);
}
