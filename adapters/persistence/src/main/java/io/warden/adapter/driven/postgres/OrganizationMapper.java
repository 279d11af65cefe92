package io.warden.adapter.driven.postgres;

import java.util.List;
import java.util.UUID;
import org.apache.ibatis.annotations.Delete;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

/**
 * SQL of {@code organizations} and {@code organization_members}. Every statement names its tenant
 * although row-level security would filter anyway.
 */
interface OrganizationMapper {

  /**
   * Holds the tenant's tree lock until the transaction ends (a transaction-scoped advisory lock
   * keyed by the tenant), so two concurrent moves cannot each pass the cycle check.
   */
  @Select(
      "SELECT 1 FROM (SELECT pg_advisory_xact_lock("
          + "hashtextextended('warden.organizations:' || CAST(#{tenantId} AS text), 0))) AS locked")
  Integer lockTree(UUID tenantId);

  @Select(
      """
      SELECT id, tenant_id, name, parent_id FROM organizations WHERE tenant_id = #{tenantId}
      """)
  List<OrganizationRow> findAll(UUID tenantId);

  @Select(
      """
      SELECT EXISTS (SELECT 1 FROM organizations WHERE tenant_id = #{tenantId} AND id = #{id})
      """)
  boolean exists(UUID tenantId, UUID id);

  @Insert(
      """
      INSERT INTO organizations (id, tenant_id, name, parent_id)
      VALUES (#{id}, #{tenantId}, #{name}, #{parentId})
      """)
  int insert(OrganizationRow row);

  @Update(
      """
      UPDATE organizations SET name = #{name}, parent_id = #{parentId}
      WHERE tenant_id = #{tenantId} AND id = #{id}
      """)
  int update(OrganizationRow row);

  /** Its memberships go with it (foreign key ON DELETE CASCADE). */
  @Delete("DELETE FROM organizations WHERE tenant_id = #{tenantId} AND id = #{id}")
  int delete(UUID tenantId, UUID id);

  /** Zero rows when the user is a member already. */
  @Insert(
      """
      INSERT INTO organization_members (tenant_id, organization_id, user_id)
      VALUES (#{tenantId}, #{organizationId}, #{userId})
      ON CONFLICT DO NOTHING
      """)
  int addMember(UUID tenantId, UUID organizationId, UUID userId);

  @Delete(
      """
      DELETE FROM organization_members
      WHERE tenant_id = #{tenantId} AND organization_id = #{organizationId} AND user_id = #{userId}
      """)
  int removeMember(UUID tenantId, UUID organizationId, UUID userId);

  @Select(
      """
      SELECT o.id, o.tenant_id, o.name, o.parent_id
      FROM organization_members m
      JOIN organizations o ON o.tenant_id = m.tenant_id AND o.id = m.organization_id
      WHERE m.tenant_id = #{tenantId} AND m.user_id = #{userId}
      ORDER BY o.name, o.id
      """)
  List<OrganizationRow> organizationsOf(UUID tenantId, UUID userId);
}
