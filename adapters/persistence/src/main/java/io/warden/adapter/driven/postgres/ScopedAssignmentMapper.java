package io.warden.adapter.driven.postgres;

import java.util.List;
import java.util.UUID;
import org.apache.ibatis.annotations.Delete;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Select;

/**
 * SQL of {@code scoped_user_roles}: role assignments that grant only inside one organization and
 * its descendants. Every statement names its tenant although row-level security would filter too.
 */
interface ScopedAssignmentMapper {

  /** Inserts the assignment or changes its expiry; counts the row unless it was there unchanged. */
  @Insert(
      """
      INSERT INTO scoped_user_roles (tenant_id, user_id, role_id, organization_id, expires_at)
      VALUES (#{tenantId}, #{userId}, #{roleId}, #{organizationId}, #{expiresAt})
      ON CONFLICT (tenant_id, user_id, role_id, organization_id)
      DO UPDATE SET expires_at = EXCLUDED.expires_at
      WHERE scoped_user_roles.expires_at IS DISTINCT FROM EXCLUDED.expires_at
      """)
  int assign(ScopedAssignmentRow row);

  @Delete(
      """
      DELETE FROM scoped_user_roles
      WHERE tenant_id = #{tenantId} AND user_id = #{userId} AND role_id = #{roleId}
        AND organization_id = #{organizationId}
      """)
  int unassign(UUID tenantId, UUID userId, UUID roleId, UUID organizationId);

  @Select(
      """
      SELECT tenant_id, user_id, role_id, organization_id, expires_at FROM scoped_user_roles
      WHERE tenant_id = #{tenantId} AND user_id = #{userId}
      ORDER BY organization_id, role_id
      """)
  List<ScopedAssignmentRow> of(UUID tenantId, UUID userId);
}
