package io.warden.adapter.driven.postgres;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;
import org.jspecify.annotations.Nullable;

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

  // Each change below writes only its own columns in one statement (no row read and written back),
  // and tokens_valid_after only ever moves forward (GREATEST): concurrent changes of one user can
  // never undo each other, whatever the order in which they commit.

  @Update(
      """
      UPDATE users SET display_name = #{displayName}
      WHERE id = #{id} AND display_name IS DISTINCT FROM #{displayName}
      """)
  int rename(@Param("id") UUID id, @Param("displayName") String displayName);

  @Update(
      """
      UPDATE users SET password_hash = #{passwordHash},
                       tokens_valid_after = GREATEST(tokens_valid_after, #{now})
      WHERE id = #{id}
      """)
  int changePassword(
      @Param("id") UUID id, @Param("passwordHash") String passwordHash, @Param("now") Instant now);

  @Update(
      """
      UPDATE users SET active = #{active},
                       tokens_valid_after = CASE WHEN #{active} THEN tokens_valid_after
                                                 ELSE GREATEST(tokens_valid_after, #{now}) END
      WHERE id = #{id} AND active IS DISTINCT FROM #{active}
      """)
  int setActive(@Param("id") UUID id, @Param("active") boolean active, @Param("now") Instant now);

  @Update(
      """
      UPDATE users SET tokens_valid_after = GREATEST(tokens_valid_after, #{instant})
      WHERE id = #{id}
      """)
  int voidTokensIssuedBefore(@Param("id") UUID id, @Param("instant") Instant instant);

  @Select("SELECT " + COLUMNS + " FROM users WHERE id = #{id}")
  @Nullable UserRow findById(UUID id);

  @Select("SELECT " + COLUMNS + " FROM users WHERE email = #{email}")
  @Nullable UserRow findByEmail(String email);

  @Select("SELECT " + COLUMNS + " FROM users WHERE id = ANY(#{ids}) ORDER BY email")
  List<UserRow> findAllById(UUID[] ids);

  /**
   * A page by id; {@code pattern} a {@link LikePrefix} of a lower-case e-mail or null (served by
   * the text_pattern_ops index of changeset 033).
   */
  @Select(
      "<script>SELECT "
          + COLUMNS
          + " FROM users <where>"
          + "<if test='pattern != null'>email LIKE #{pattern} ESCAPE '\\'</if>"
          + "<if test='after != null'> AND id &gt; #{after}</if>"
          + "</where> ORDER BY id LIMIT #{limit}</script>")
  List<UserRow> page(
      @Param("pattern") @Nullable String pattern,
      @Param("after") @Nullable UUID after,
      @Param("limit") int limit);
}
