package io.warden.adapter.driven.postgres;

import java.util.List;
import org.apache.ibatis.annotations.Delete;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.jspecify.annotations.Nullable;

/** SQL of {@code permissions}. */
interface PermissionMapper {

  @Select("SELECT name, description FROM permissions ORDER BY name")
  List<PermissionRow> findAll();

  @Select("SELECT name, description FROM permissions WHERE name = #{name}")
  @Nullable PermissionRow find(String name);

  @Select(
      """
      SELECT DISTINCT given.name FROM unnest(CAST(#{names} AS text[])) AS given(name)
      WHERE NOT EXISTS (SELECT 1 FROM permissions p WHERE p.name = given.name)
      """)
  List<String> undefined(String[] names);

  /** Zero rows when the name is taken (the transaction stays usable). */
  @Insert(
      """
      INSERT INTO permissions (name, description) VALUES (#{name}, #{description})
      ON CONFLICT DO NOTHING
      """)
  int insert(PermissionRow row);

  @Insert(
      """
      <script>
      INSERT INTO permissions (name, description) VALUES
      <foreach collection='rows' item='r' separator=','>(#{r.name}, #{r.description})</foreach>
      ON CONFLICT DO NOTHING
      </script>
      """)
  int insertMissing(@Param("rows") List<PermissionRow> rows);

  /**
   * The foreign key from {@code role_permissions} cascades the delete into every role of every
   * tenant; referential actions are not subject to row-level security, so this holds whatever
   * tenant the transaction is scoped to.
   */
  @Delete("DELETE FROM permissions WHERE name = #{name}")
  int delete(String name);
}
