package io.warden.adapter.out.postgres;

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
    registry.register(String[].class, new TextArrayHandler());
    registry.register(UUID[].class, new UuidArrayHandler());
  }

  /** {@code uuid} as {@link UUID}. */
  static final class UuidHandler extends BaseTypeHandler<UUID> {
    @Override
    public void setNonNullParameter(PreparedStatement ps, int i, UUID value, JdbcType type)
        throws SQLException {
      ps.setObject(i, value);
    }

    @Override
    public UUID getNullableResult(ResultSet rs, String column) throws SQLException {
      return rs.getObject(column, UUID.class);
    }

    @Override
    public UUID getNullableResult(ResultSet rs, int column) throws SQLException {
      return rs.getObject(column, UUID.class);
    }

    @Override
    public UUID getNullableResult(CallableStatement cs, int column) throws SQLException {
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
    public Instant getNullableResult(ResultSet rs, String column) throws SQLException {
      return toInstant(rs.getObject(column, OffsetDateTime.class));
    }

    @Override
    public Instant getNullableResult(ResultSet rs, int column) throws SQLException {
      return toInstant(rs.getObject(column, OffsetDateTime.class));
    }

    @Override
    public Instant getNullableResult(CallableStatement cs, int column) throws SQLException {
      return toInstant(cs.getObject(column, OffsetDateTime.class));
    }

    private static Instant toInstant(OffsetDateTime value) {
      return value == null ? null : value.toInstant();
    }
  }

  /** {@code text[]} as {@code String[]}. */
  static final class TextArrayHandler extends BaseTypeHandler<String[]> {
    @Override
    public void setNonNullParameter(PreparedStatement ps, int i, String[] value, JdbcType type)
        throws SQLException {
      ps.setArray(i, ps.getConnection().createArrayOf("text", value));
    }

    @Override
    public String[] getNullableResult(ResultSet rs, String column) throws SQLException {
      return toStrings(rs.getArray(column));
    }

    @Override
    public String[] getNullableResult(ResultSet rs, int column) throws SQLException {
      return toStrings(rs.getArray(column));
    }

    @Override
    public String[] getNullableResult(CallableStatement cs, int column) throws SQLException {
      return toStrings(cs.getArray(column));
    }

    private static String[] toStrings(Array array) throws SQLException {
      if (array == null) {
        return null;
      }
      try {
        return (String[]) array.getArray();
      } finally {
        array.free();
      }
    }
  }

  /** {@code uuid[]} parameters (results never come back as uuid arrays). */
  static final class UuidArrayHandler extends BaseTypeHandler<UUID[]> {
    @Override
    public void setNonNullParameter(PreparedStatement ps, int i, UUID[] value, JdbcType type)
        throws SQLException {
      ps.setArray(i, ps.getConnection().createArrayOf("uuid", value));
    }

    @Override
    public UUID[] getNullableResult(ResultSet rs, String column) throws SQLException {
      return toUuids(rs.getArray(column));
    }

    @Override
    public UUID[] getNullableResult(ResultSet rs, int column) throws SQLException {
      return toUuids(rs.getArray(column));
    }

    @Override
    public UUID[] getNullableResult(CallableStatement cs, int column) throws SQLException {
      return toUuids(cs.getArray(column));
    }

    private static UUID[] toUuids(Array array) throws SQLException {
      if (array == null) {
        return null;
      }
      try {
        return (UUID[]) array.getArray();
      } finally {
        array.free();
      }
    }
  }
}
