package io.warden.adapter.driven.postgres;

import java.time.Instant;
import java.util.UUID;
import org.apache.ibatis.annotations.Select;

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
  UserContextRow of(UUID tenantId, UUID userId, Instant now);
}
