package io.warden.adapter.driven.postgres;

import java.sql.Array;
import java.sql.CallableStatement;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.apache.ibatis.type.BaseTypeHandler;
import org.apache.ibatis.type.JdbcType;
import org.apache.ibatis.type.TypeHandlerRegistry;
import org.jspecify.annotations.Nullable;

/**
 * The column types MyBatis does not map the PostgreSQL way by itself: {@code uuid}, {@code
 * timestamptz} as {@link Instant} (UTC, microseconds, never through the JVM time zone) and the
 * {@code text[]}/{@code uuid[]} arrays behind {@code = ANY(?)} and {@code unnest(?)}.
 */
final class SqlTypes {
  private SqlTypes() {}

  static void register(TypeHandlerRegistry registry) {
    registry.register(UUID.class, new UuidHandler());
    registry.register(Instant.class, new InstantHandler());
    registry.register(String[].class, new ArrayHandler<>("text", String[].class));
    registry.register(UUID[].class, new ArrayHandler<>("uuid", UUID[].class));
  }

  /** {@code uuid} as {@link UUID}. */
  static final class UuidHandler extends BaseTypeHandler<UUID> {
    @Override
    public void setNonNullParameter(PreparedStatement ps, int i, UUID value, JdbcType type)
        throws SQLException {
      ps.setObject(i, value);
    }

    @Override
    public @Nullable UUID getNullableResult(ResultSet rs, String column) throws SQLException {
      return rs.getObject(column, UUID.class);
    }

    @Override
    public @Nullable UUID getNullableResult(ResultSet rs, int column) throws SQLException {
      return rs.getObject(column, UUID.class);
    }

    @Override
    public @Nullable UUID getNullableResult(CallableStatement cs, int column) throws SQLException {
      return cs.getObject(column, UUID.class);
    }
  }

  /** {@code timestamptz} as {@link Instant}; PostgreSQL keeps microseconds, so do we. */
  static final class InstantHandler extends BaseTypeHandler<Instant> {
    @Override
    public void setNonNullParameter(PreparedStatement ps, int i, Instant value, JdbcType type)
        throws SQLException {
      ps.setObject(
          i, OffsetDateTime.ofInstant(value.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC));
    }

    @Override
    public @Nullable Instant getNullableResult(ResultSet rs, String column) throws SQLException {
      return toInstant(rs.getObject(column, OffsetDateTime.class));
    }

    @Override
    public @Nullable Instant getNullableResult(ResultSet rs, int column) throws SQLException {
      return toInstant(rs.getObject(column, OffsetDateTime.class));
    }

    @Override
    public @Nullable Instant getNullableResult(CallableStatement cs, int column)
        throws SQLException {
      return toInstant(cs.getObject(column, OffsetDateTime.class));
    }

    private static @Nullable Instant toInstant(@Nullable OffsetDateTime value) {
      return value == null ? null : value.toInstant();
    }
  }

  /**
   * A PostgreSQL array of {@code sqlType} as a Java array of {@code type}: the {@code text[]} and
   * {@code uuid[]} behind {@code = ANY(?)} and {@code unnest(?)}.
   */
  static final class ArrayHandler<T> extends BaseTypeHandler<T[]> {
    private final String sqlType;
    private final Class<T[]> type;

    ArrayHandler(String sqlType, Class<T[]> type) {
      this.sqlType = sqlType;
      this.type = type;
    }

    @Override
    public void setNonNullParameter(PreparedStatement ps, int i, T[] value, JdbcType jdbcType)
        throws SQLException {
      ps.setArray(i, ps.getConnection().createArrayOf(sqlType, value));
    }

    @Override
    public T @Nullable [] getNullableResult(ResultSet rs, String column) throws SQLException {
      return toJava(rs.getArray(column));
    }

    @Override
    public T @Nullable [] getNullableResult(ResultSet rs, int column) throws SQLException {
      return toJava(rs.getArray(column));
    }

    @Override
    public T @Nullable [] getNullableResult(CallableStatement cs, int column) throws SQLException {
      return toJava(cs.getArray(column));
    }

    private T @Nullable [] toJava(@Nullable Array array) throws SQLException {
      if (array == null) {
        return null;
      }
      try {
        return type.cast(array.getArray());
      } finally {
        array.free();
      }
    }
  }
}
