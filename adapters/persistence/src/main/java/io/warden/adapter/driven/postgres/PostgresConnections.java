package io.warden.adapter.driven.postgres;

import static io.warden.adapter.driven.postgres.PostgresPersistence.APPLICATION_ROLE;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import javax.sql.DataSource;
import org.apache.ibatis.mapping.Environment;
import org.apache.ibatis.session.Configuration;
import org.apache.ibatis.session.LocalCacheScope;
import org.apache.ibatis.session.SqlSessionFactory;
import org.apache.ibatis.session.SqlSessionFactoryBuilder;
import org.apache.ibatis.transaction.jdbc.JdbcTransactionFactory;
import org.apache.ibatis.type.JdbcType;

/**
 * How the adapter's connections are made: the Hikari pool acting as {@value
 * PostgresPersistence#APPLICATION_ROLE}, the MyBatis session factory over it with every mapper, and
 * the dedicated connections outside the pool for a long-lived {@code LISTEN}.
 */
final class PostgresConnections {
  /** Longer than any query of the application should ever take. */
  private static final long SOCKET_TIMEOUT_SECONDS = 30;

  private PostgresConnections() {}

  static HikariDataSource openPool(PostgresSettings settings) {
    HikariConfig config = new HikariConfig();
    config.setPoolName("warden-postgres");
    config.setJdbcUrl(settings.jdbcUrl());
    // The owner's credentials ran the migrations; the pool logs in as its own role when one is set.
    config.setUsername(settings.runtimeUser());
    config.setPassword(settings.runtimePassword());
    config.setMaximumPoolSize(settings.poolSize());
    config.setConnectionTimeout(settings.connectionTimeout().toMillis());
    config.setInitializationFailTimeout(settings.connectionTimeout().toMillis());
    config.setAutoCommit(false);
    config.setConnectionInitSql("SET ROLE " + APPLICATION_ROLE);
    // Without this Hikari leaves the SET ROLE in the connection's first transaction, and a
    // rollback of that transaction would silently undo it: the connection would then act as the
    // configured user, possibly a superuser or the table owner.
    config.setIsolateInternalQueries(true);
    config.addDataSourceProperty("ApplicationName", "warden");
    config.addDataSourceProperty(
        "connectTimeout", Long.toString(Math.max(1, settings.connectionTimeout().toSeconds())));
    config.addDataSourceProperty("tcpKeepAlive", "true");
    // A server that stops answering mid-query (a network partition) must fail the request as
    // unavailable rather than hold its thread and connection until TCP gives up, hours later.
    config.addDataSourceProperty("socketTimeout", Long.toString(SOCKET_TIMEOUT_SECONDS));
    try {
      return new HikariDataSource(config);
    } catch (RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  static SqlSessionFactory sessionFactory(DataSource dataSource) {
    JdbcTransactionFactory transactionFactory = new JdbcTransactionFactory();
    Properties transactionProperties = new Properties();
    // Every transaction ends in an explicit commit or rollback; flipping auto-commit on close
    // would only cost the pool a reset.
    transactionProperties.setProperty("skipSetAutoCommitOnClose", "true");
    transactionFactory.setProperties(transactionProperties);
    Configuration configuration =
        new Configuration(new Environment("warden", transactionFactory, dataSource));
    configuration.setMapUnderscoreToCamelCase(true);
    configuration.setArgNameBasedConstructorAutoMapping(true);
    // The session cache would answer a repeated query from memory inside one transaction, even
    // after a statement MyBatis does not know to have changed the data (e.g. an UPDATE in a CTE).
    configuration.setLocalCacheScope(LocalCacheScope.STATEMENT);
    configuration.setCacheEnabled(false);
    configuration.setJdbcTypeForNull(JdbcType.NULL);
    SqlTypes.register(configuration.getTypeHandlerRegistry());
    for (Class<?> mapper :
        List.of(
            ScopeMapper.class,
            JournalMapper.class,
            TenantMapper.class,
            UserMapper.class,
            MembershipMapper.class,
            InvitationMapper.class,
            RoleMapper.class,
            PermissionMapper.class,
            SessionMapper.class,
            EventTicketMapper.class,
            SigningKeyMapper.class,
            EffectivePermissionsMapper.class,
            UserContextMapper.class,
            OrganizationMapper.class,
            AuditMapper.class)) {
      configuration.addMapper(mapper);
    }
    return new SqlSessionFactoryBuilder().build(configuration);
  }

  /**
   * A new connection outside the pool, acting as {@value PostgresPersistence#APPLICATION_ROLE} in
   * auto-commit mode; the caller closes it.
   */
  static Connection openDedicated(PostgresSettings settings) throws SQLException {
    Connection connection = Migrations.openRuntime(settings, "warden-dedicated");
    try (Statement statement = connection.createStatement()) {
      connection.setAutoCommit(true);
      statement.execute("SET ROLE " + APPLICATION_ROLE);
      return connection;
    } catch (SQLException | RuntimeException e) {
      connection.close();
      throw e;
    }
  }
}
