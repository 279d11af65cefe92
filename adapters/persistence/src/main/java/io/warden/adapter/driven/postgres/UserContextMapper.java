package io.warden.adapter.driven.postgres;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.ibatis.annotations.Select;
import org.jspecify.annotations.Nullable;

/** The user-and-tenant half of a user context (the roles come from {@link RoleMapper}). */
interface UserContextMapper {

  /** No row when the user or the tenant does not exist. */
  @Select(
      """
      SELECT u.id AS user_id, u.email, u.display_name, u.password_hash, u.active AS user_active,
             u.system_admin, u.tokens_valid_after,
             t.id AS tenant_id, t.slug, t.name AS tenant_name, t.active AS tenant_active,
             (SELECT min(ur.expires_at) FROM user_roles ur
              WHERE ur.tenant_id = t.id AND ur.user_id = u.id
                AND ur.expires_at > #{now}) AS valid_until
      FROM users u CROSS JOIN tenants t
      WHERE u.id = #{userId} AND t.id = #{tenantId}
      """)
  @Nullable UserContextRow of(UUID tenantId, UUID userId, Instant now);

  /**
   * The organizations the user is a direct member of and every organization below them, each once,
   * {@code direct} when the user is a member of it: the accessible closure in one statement (the
   * tree is at most 10 levels deep, so at most 10 recursive steps). No row for a user in none.
   */
  @Select(
      """
      WITH RECURSIVE reach (id, tenant_id, name, parent_id, direct) AS (
          SELECT o.id, o.tenant_id, o.name, o.parent_id, true
          FROM organization_members m
          JOIN organizations o ON o.tenant_id = m.tenant_id AND o.id = m.organization_id
          WHERE m.tenant_id = #{tenantId} AND m.user_id = #{userId}
        UNION
          SELECT c.id, c.tenant_id, c.name, c.parent_id, false
          FROM organizations c JOIN reach r ON c.tenant_id = r.tenant_id AND c.parent_id = r.id
      )
      SELECT id, tenant_id, name, parent_id, bool_or(direct) AS direct
      FROM reach GROUP BY id, tenant_id, name, parent_id
      """)
  List<OrganizationContextRow> organizationsOf(UUID tenantId, UUID userId);
}
