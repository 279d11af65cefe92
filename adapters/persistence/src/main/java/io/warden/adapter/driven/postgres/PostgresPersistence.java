package io.warden.adapter.driven.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.warden.application.port.driven.CacheEpochs;
import io.warden.application.port.driven.ChangeJournal;
import io.warden.application.port.driven.ChangeLog;
import io.warden.application.port.driven.EffectivePermissions;
import io.warden.application.port.driven.HealthProbe;
import io.warden.application.port.driven.MembershipRepository;
import io.warden.application.port.driven.PermissionRepository;
import io.warden.application.port.driven.RoleRepository;
import io.warden.application.port.driven.SessionRepository;
import io.warden.application.port.driven.SigningKeyRepository;
import io.warden.application.port.driven.TenantRepository;
import io.warden.application.port.driven.Transactions;
import io.warden.application.port.driven.UserContexts;
import io.warden.application.port.driven.UserRepository;
import io.warden.domain.model.permission.BuiltInPermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;
import org.apache.ibatis.mapping.Environment;
import org.apache.ibatis.session.Configuration;
import org.apache.ibatis.session.LocalCacheScope;
import org.apache.ibatis.session.SqlSessionFactory;
import org.apache.ibatis.session.SqlSessionFactoryBuilder;
import org.apache.ibatis.transaction.jdbc.JdbcTransactionFactory;
import org.apache.ibatis.type.JdbcType;

/**
 * The PostgreSQL adapter, started: migrates the schema, opens the pool and hands out every port it
 * implements. Start it once per process with {@link #start}, close it at shutdown.
 *
 * <p>Every pooled connection acts as the role {@code warden_app}, which owns nothing and cannot
 * bypass row-level security, whoever the configured user is; the start refuses to finish if that
 * does not hold. Repositories must be called inside {@link #transactions()}; {@link
 * #effectivePermissions()} opens its own read-only transaction when called outside one.
 */
public final class PostgresPersistence implements AutoCloseable {
  /** The role the pool acts as; created by the migrations. */
  public static final String APPLICATION_ROLE = "warden_app";

  /** Longer than any query of the application should ever take. */
  private static final long SOCKET_TIMEOUT_SECONDS = 30;

  private static final List<String> TENANT_OWNED_TABLES =
      List.of("memberships", "roles", "role_permissions", "role_includes", "user_roles");

  private final PostgresSettings settings;
  private final HikariDataSource pool;
  private final PostgresTransactions transactions;
  private final TenantRepository tenants;
  private final UserRepository users;
  private final MembershipRepository memberships;
  private final RoleRepository roles;
  private final PermissionRepository permissions;
  private final SessionRepository sessions;
  private final SigningKeyRepository signingKeys;
  private final EffectivePermissions effectivePermissions;
  private final ChangeJournal changeJournal;
  private final ChangeLog changeLog;
  private final UserContexts userContexts;
  private final CacheEpochs cacheEpochs;
  private final HealthProbe healthProbe;
  private final StatementCountingDataSource statementCounter;
  private final boolean schemaWasCurrent;

  private PostgresPersistence(
      PostgresSettings settings,
      boolean schemaWasCurrent,
      HikariDataSource pool,
      StatementCountingDataSource statementCounter,
      DataSource statements,
      Clock clock) {
    this.settings = settings;
    this.schemaWasCurrent = schemaWasCurrent;
    this.pool = pool;
    this.statementCounter = statementCounter;
    this.transactions = new PostgresTransactions(sessionFactory(statements));
    this.tenants = new PostgresTenantRepository(transactions);
    this.users = new PostgresUserRepository(transactions);
    this.memberships = new PostgresMembershipRepository(transactions);
    this.roles = new PostgresRoleRepository(transactions);
    this.permissions = new PostgresPermissionRepository(transactions);
    this.sessions = new PostgresSessionRepository(transactions);
    this.signingKeys = new PostgresSigningKeyRepository(transactions);
    this.effectivePermissions = new PostgresEffectivePermissions(transactions, clock);
    this.changeJournal = new PostgresChangeJournal(transactions);
    this.changeLog = new PostgresChangeLog(transactions);
    this.userContexts = new PostgresUserContexts(transactions, clock);
    this.cacheEpochs = new PostgresCacheEpochs(transactions);
    this.healthProbe = new DatabaseHealthProbe(pool);
  }

  /**
   * Migrates the database at {@code jdbcUrl} as {@code user}, opens a pool of {@code poolSize}
   * connections acting as {@value #APPLICATION_ROLE} and makes sure the built-in permissions exist.
   *
   * @throws io.warden.application.port.driven.Unavailable if the database cannot be reached
   * @throws IllegalStateException if the pool's role could bypass row-level security
   */
  public static PostgresPersistence start(
      String jdbcUrl, String user, String password, int poolSize, Clock clock) {
    return start(new PostgresSettings(jdbcUrl, user, password, poolSize), clock);
  }

  /** The same with every setting explicit. */
  public static PostgresPersistence start(PostgresSettings settings, Clock clock) {
    return start(settings, clock, UnaryOperator.identity());
  }

  /** {@code decorator} wraps the pool as MyBatis sees it (tests count statements with it). */
  static PostgresPersistence start(
      PostgresSettings settings, Clock clock, UnaryOperator<DataSource> decorator) {
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(clock, "clock");
    boolean schemaWasCurrent = Migrations.run(settings) == Migrations.Outcome.ALREADY_CURRENT;
    if (settings.poolLogin().isPresent()) {
      verifyPoolLogin(settings);
    }
    HikariDataSource pool = openPool(settings);
    try {
      verifyRowLevelSecurity(pool);
      StatementCountingDataSource counter = new StatementCountingDataSource();
      PostgresPersistence persistence =
          new PostgresPersistence(
              settings,
              schemaWasCurrent,
              pool,
              counter,
              decorator.apply(counter.wrap(pool)),
              clock);
      persistence.transactions.acrossTenants(
          () -> {
            persistence.permissions.insertMissing(BuiltInPermissions.ALL);
            return null;
          });
      return persistence;
    } catch (RuntimeException e) {
      pool.close();
      throw e;
    }
  }

  private static HikariDataSource openPool(PostgresSettings settings) {
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

  /**
   * Fails closed: the pool's role must be {@value #APPLICATION_ROLE}, neither superuser nor
   * bypassing row-level security nor owning a relation, and every tenant-owned table must have
   * row-level security enabled and forced.
   */
  private static void verifyRowLevelSecurity(HikariDataSource pool) {
    List<String> problems = new ArrayList<>();
    try (Connection connection = pool.getConnection();
        Statement statement = connection.createStatement()) {
      // A SET ROLE that a rollback can undo does not count: check after one.
      connection.rollback();
      try (ResultSet role =
          statement.executeQuery(
              """
              SELECT current_user::text, r.rolsuper, r.rolbypassrls,
                     EXISTS (SELECT 1 FROM pg_class c WHERE c.relowner = r.oid)
              FROM pg_roles r WHERE r.rolname = current_user
              """)) {
        if (!role.next() || !APPLICATION_ROLE.equals(role.getString(1))) {
          problems.add("pooled connections do not act as " + APPLICATION_ROLE);
        } else {
          if (role.getBoolean(2)) {
            problems.add(APPLICATION_ROLE + " is a superuser");
          }
          if (role.getBoolean(3)) {
            problems.add(APPLICATION_ROLE + " bypasses row-level security");
          }
          if (role.getBoolean(4)) {
            problems.add(APPLICATION_ROLE + " owns relations");
          }
        }
      }
      try (ResultSet tables =
          statement.executeQuery(
              "SELECT relname FROM pg_class WHERE relkind = 'r' AND relrowsecurity AND"
                  + " relforcerowsecurity AND relnamespace = current_schema()::regnamespace")) {
        List<String> protectedTables = new ArrayList<>();
        while (tables.next()) {
          protectedTables.add(tables.getString(1));
        }
        for (String table : TENANT_OWNED_TABLES) {
          if (!protectedTables.contains(table)) {
            problems.add(table + " lacks enabled and forced row-level security");
          }
        }
      }
      connection.rollback();
    } catch (SQLException e) {
      throw SqlErrors.translate(e);
    }
    if (!problems.isEmpty()) {
      throw new IllegalStateException(
          "refusing to start, tenant isolation would not hold: " + String.join("; ", problems));
    }
  }

  /**
   * Fails closed when the pool has a login of its own, before the pool opens: that login must be a
   * member of {@value #APPLICATION_ROLE}, neither a superuser nor able to bypass row-level
   * security, and unable to act as the owner of the schema or of any of its relations (owning them
   * itself or through a role it belongs to), or it would be the owner under another name.
   */
  private static void verifyPoolLogin(PostgresSettings settings) {
    List<String> problems = new ArrayList<>();
    String name = settings.runtimeUser();
    try (Connection connection = Migrations.openRuntime(settings, "warden-check");
        Statement statement = connection.createStatement();
        ResultSet login =
            statement.executeQuery(
                """
                SELECT r.rolsuper, r.rolbypassrls,
                       pg_has_role(session_user, 'warden_app', 'MEMBER'),
                       EXISTS (SELECT 1 FROM pg_class c
                               WHERE c.relnamespace = current_schema()::regnamespace
                                 AND pg_has_role(session_user, c.relowner, 'MEMBER'))
                       OR EXISTS (SELECT 1 FROM pg_namespace n
                                  WHERE n.nspname = current_schema()
                                    AND pg_has_role(session_user, n.nspowner, 'MEMBER'))
                FROM pg_roles r WHERE r.rolname = session_user
                """)) {
      if (!login.next()) {
        problems.add("the role " + name + " is not found");
      } else {
        if (login.getBoolean(1)) {
          problems.add(name + " is a superuser");
        }
        if (login.getBoolean(2)) {
          problems.add(name + " bypasses row-level security");
        }
        if (!login.getBoolean(3)) {
          problems.add(name + " is not a member of " + APPLICATION_ROLE);
        }
        if (login.getBoolean(4)) {
          problems.add(name + " can act as the owner of the schema or of its tables");
        }
      }
    } catch (SQLException e) {
      throw SqlErrors.translate(e);
    }
    if (!problems.isEmpty()) {
      throw new IllegalStateException(
          "refusing to start, the pool's login (WARDEN_DB_APP_USER) is not least-privileged: "
              + String.join("; ", problems));
    }
  }

  private static SqlSessionFactory sessionFactory(DataSource dataSource) {
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
            RoleMapper.class,
            PermissionMapper.class,
            SessionMapper.class,
            SigningKeyMapper.class,
            EffectivePermissionsMapper.class,
            UserContextMapper.class)) {
      configuration.addMapper(mapper);
    }
    return new SqlSessionFactoryBuilder().build(configuration);
  }

  public Transactions transactions() {
    return transactions;
  }

  public TenantRepository tenants() {
    return tenants;
  }

  public UserRepository users() {
    return users;
  }

  public MembershipRepository memberships() {
    return memberships;
  }

  public RoleRepository roles() {
    return roles;
  }

  public PermissionRepository permissions() {
    return permissions;
  }

  public SessionRepository sessions() {
    return sessions;
  }

  public SigningKeyRepository signingKeys() {
    return signingKeys;
  }

  /** The database tier of the permission answer (the innermost of the cache decorators). */
  public EffectivePermissions effectivePermissions() {
    return effectivePermissions;
  }

  public ChangeJournal changeJournal() {
    return changeJournal;
  }

  /** Every committed change's message by version, for a listener that reconnects. */
  public ChangeLog changeLog() {
    return changeLog;
  }

  /** The database tier of the user context of {@code GET /api/me}. */
  public UserContexts userContexts() {
    return userContexts;
  }

  /**
   * The shared-cache epoch; an advance is announced as an {@code everything} message of type
   * {@value InvalidationMessage#CACHE_EPOCH_ADVANCED}.
   */
  public CacheEpochs cacheEpochs() {
    return cacheEpochs;
  }

  /**
   * A new heartbeat registration for this process (a random instance id): instances seen within
   * {@code liveWithin} count as live. The caller beats it periodically and closes it at shutdown.
   */
  public PostgresInstanceRegistry instanceRegistry(java.time.Duration liveWithin) {
    return new PostgresInstanceRegistry(pool, java.util.UUID.randomUUID(), liveWithin);
  }

  /** The {@code database} check, critical. */
  public HealthProbe healthProbe() {
    return healthProbe;
  }

  /**
   * How many SQL statements the repositories, the permission and context queries and the journal
   * have executed through the pool since start (a batch counts once): the "database queries" of the
   * metrics, per request once divided by the requests served. It never goes down. The migrations,
   * the start-up checks of the pool's role and what runs on {@link #openDedicatedConnection()
   * dedicated connections} (the {@code LISTEN} heartbeat) are not counted.
   */
  public long statementsExecuted() {
    return statementCounter.count();
  }

  /** The pool's connections now: for the metrics' gauges. */
  public record PoolStats(int active, int idle, int total, int waiting, int max) {}

  /** The pool's connections now; zeros while the pool is starting or after it closed. */
  public PoolStats poolStats() {
    var bean = pool.getHikariPoolMXBean();
    if (bean == null) {
      return new PoolStats(0, 0, 0, 0, pool.getMaximumPoolSize());
    }
    return new PoolStats(
        bean.getActiveConnections(),
        bean.getIdleConnections(),
        bean.getTotalConnections(),
        bean.getThreadsAwaitingConnection(),
        pool.getMaximumPoolSize());
  }

  /** The current data version (what a reconnecting listener re-reads). */
  public long dataVersion() {
    return transactions.acrossTenants(() -> transactions.mapper(JournalMapper.class).current());
  }

  /**
   * A new connection outside the pool, acting as {@value #APPLICATION_ROLE} in auto-commit mode,
   * for a long-lived {@code LISTEN}; the caller closes it.
   */
  public Connection openDedicatedConnection() throws SQLException {
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

  public PostgresSettings settings() {
    return settings;
  }

  /**
   * Whether the start found the schema already migrated to this changelog and skipped Liquibase
   * (false: Liquibase ran).
   */
  public boolean schemaWasCurrent() {
    return schemaWasCurrent;
  }

  /** The pool itself, for tests that go behind the repositories' back. */
  DataSource pool() {
    return pool;
  }

  PostgresTransactions postgresTransactions() {
    return transactions;
  }

  /** Closes the pool; in-flight transactions fail. */
  @Override
  public void close() {
    pool.close();
  }
}
