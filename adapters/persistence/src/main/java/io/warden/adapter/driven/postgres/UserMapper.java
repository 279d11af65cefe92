package io.warden.adapter.driven.postgres;

import java.util.List;
import java.util.UUID;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

/** SQL of {@code users}. */
interface UserMapper {

  String COLUMNS =
      "id, email, display_name, password_hash, active, system_admin, tokens_valid_after";

  /** Zero rows when the id or e-mail is taken (the transaction stays usable). */
  @Insert(
      """
      INSERT INTO users (id, email, display_name, password_hash, active, system_admin,
                         tokens_valid_after)
      VALUES (#{id}, #{email}, #{displayName}, #{passwordHash}, #{active}, #{systemAdmin},
              #{tokensValidAfter})
      ON CONFLICT DO NOTHING
      """)
  int insert(UserRow row);

  /** A duplicate fails the statement (and the transaction): all or nothing. */
  @Insert(
      """
      <script>
      INSERT INTO users (id, email, display_name, password_hash, active, system_admin,
                         tokens_valid_after)
      VALUES
      <foreach collection='rows' item='r' separator=','>
        (#{r.id}, #{r.email}, #{r.displayName}, #{r.passwordHash}, #{r.active}, #{r.systemAdmin},
         #{r.tokensValidAfter})
      </foreach>
      </script>
      """)
  int insertAll(@Param("rows") List<UserRow> rows);

  @Update(
      """
      UPDATE users SET email = #{email}, display_name = #{displayName},
                       password_hash = #{passwordHash}, active = #{active},
                       system_admin = #{systemAdmin}, tokens_valid_after = #{tokensValidAfter}
      WHERE id = #{id}
      """)
  int update(UserRow row);

  @Select("SELECT " + COLUMNS + " FROM users WHERE id = #{id}")
  UserRow findById(UUID id);

  @Select("SELECT " + COLUMNS + " FROM users WHERE email = #{email}")
  UserRow findByEmail(String email);

  @Select("SELECT " + COLUMNS + " FROM users WHERE id = ANY(#{ids}) ORDER BY email")
  List<UserRow> findAllById(UUID[] ids);
}
