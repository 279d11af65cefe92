package io.warden.adapter.driven.postgres;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.ibatis.annotations.Delete;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Select;
import org.jspecify.annotations.Nullable;

/**
 * SQL of {@code invitations} and {@code invitation_roles}. The tenant's statements name their
 * tenant although row-level security would filter anyway; the addressee's name the address.
 */
interface InvitationMapper {

  String COLUMNS =
      """
      i.id, i.tenant_id, i.email, i.invited_by, i.created_at, i.expires_at,
      ARRAY(SELECT ir.role_id FROM invitation_roles ir
            WHERE ir.tenant_id = i.tenant_id AND ir.invitation_id = i.id
            ORDER BY ir.role_id) AS role_ids
      """;

  @Insert(
      """
      INSERT INTO invitations (id, tenant_id, email, invited_by, created_at, expires_at)
      VALUES (#{id}, #{tenantId}, #{email}, #{invitedBy}, #{createdAt}, #{expiresAt})
      """)
  int insert(InvitationRow row);

  @Insert(
      """
      INSERT INTO invitation_roles (tenant_id, invitation_id, role_id)
      SELECT #{tenantId}, #{id}, given.role_id FROM unnest(CAST(#{roleIds} AS uuid[])) AS given(role_id)
      """)
  int insertRoles(InvitationRow row);

  /** The pending invitation a new one to the same address replaces. */
  @Delete("DELETE FROM invitations WHERE tenant_id = #{tenantId} AND email = #{email}")
  int deleteTo(UUID tenantId, String email);

  /** Locks the row: a concurrent accept, decline or revoke waits for this transaction. */
  @Select(
      "SELECT "
          + COLUMNS
          + " FROM invitations i WHERE i.tenant_id = #{tenantId} AND i.id = #{id} FOR UPDATE")
  @Nullable InvitationRow find(UUID tenantId, UUID id);

  @Delete("DELETE FROM invitations WHERE tenant_id = #{tenantId} AND id = #{id}")
  int delete(UUID tenantId, UUID id);

  @Delete("DELETE FROM invitations WHERE tenant_id = #{tenantId} AND expires_at <= #{now}")
  int deleteExpired(UUID tenantId, Instant now);

  @Select(
      "SELECT "
          + COLUMNS
          + """
           FROM invitations i WHERE i.email = #{email} AND i.expires_at > #{now}
          ORDER BY i.created_at, i.id
          """)
  List<InvitationRow> addressedTo(String email, Instant now);

  @Select("SELECT " + COLUMNS + " FROM invitations i WHERE i.id = #{id} AND i.email = #{email}")
  @Nullable InvitationRow findAddressedTo(UUID id, String email);

  @Delete("DELETE FROM invitations WHERE id = #{id} AND email = #{email}")
  int deleteAddressedTo(UUID id, String email);
}
