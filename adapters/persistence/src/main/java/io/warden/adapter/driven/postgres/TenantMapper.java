package io.warden.adapter.driven.postgres;

import java.util.List;
import java.util.UUID;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;
import org.jspecify.annotations.Nullable;

/** SQL of {@code tenants}. */
interface TenantMapper {

  /** Zero rows when the id or slug is taken (the transaction stays usable). */
  @Insert(
      """
      INSERT INTO tenants (id, slug, name, active) VALUES (#{id}, #{slug}, #{name}, #{active})
      ON CONFLICT DO NOTHING
      """)
  int insert(TenantRow row);

  // Targeted: each writes only its own column, so a rename never re-activates a tenant that a
  // concurrent change deactivated (and vice versa).

  @Update("UPDATE tenants SET name = #{name} WHERE id = #{id} AND name IS DISTINCT FROM #{name}")
  int rename(@Param("id") UUID id, @Param("name") String name);

  @Update(
      "UPDATE tenants SET active = #{active} WHERE id = #{id} AND active IS DISTINCT FROM #{active}")
  int setActive(@Param("id") UUID id, @Param("active") boolean active);

  @Select("SELECT id, slug, name, active FROM tenants WHERE id = #{id}")
  @Nullable TenantRow findById(UUID id);

  @Select(
      """
      SELECT t.id, t.slug, t.name, t.active
      FROM tenants t JOIN memberships m ON m.tenant_id = t.id
      WHERE m.user_id = #{userId} AND m.active AND t.active
      ORDER BY t.name, t.id
      """)
  List<TenantRow> activeTenantsOf(UUID userId);

  @Select("SELECT id, slug, name, active FROM tenants ORDER BY name, id")
  List<TenantRow> findAll();

  /**
   * A page by id (compared as text, the order the cursor walks); {@code pattern} a {@link
   * LikePrefix} or null. Served by the primary key, or by the two prefix indexes of changeset 033
   * (slug, lower(name); text_pattern_ops) when searching.
   */
  @Select(
      """
      <script>
      SELECT id, slug, name, active FROM tenants
      <where>
        <if test='pattern != null'>
          (slug LIKE #{pattern} ESCAPE '\\' OR lower(name) LIKE #{pattern} ESCAPE '\\')
        </if>
        <if test='after != null'>AND id &gt; #{after}</if>
      </where>
      ORDER BY id LIMIT #{limit}
      </script>
      """)
  List<TenantRow> page(
      @Param("pattern") @Nullable String pattern,
      @Param("after") @Nullable UUID after,
      @Param("limit") int limit);
}
