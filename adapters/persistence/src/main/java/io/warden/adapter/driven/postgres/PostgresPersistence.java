package io.warden.adapter.driven.postgres;

import com.zaxxer.hikari.HikariDataSource;
import io.warden.application.port.driven.AuditLog;
import io.warden.application.port.driven.CacheEpochs;
import io.warden.application.port.driven.ChangeJournal;
import io.warden.application.port.driven.ChangeLog;
import io.warden.application.port.driven.EffectivePermissions;
import io.warden.application.port.driven.EventTickets;
import io.warden.application.port.driven.HealthProbe;
import io.warden.application.port.driven.InvitationRepository;
import io.warden.application.port.driven.MembershipRepository;
import io.warden.application.port.driven.OrganizationRepository;
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
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;

/**
 * The PostgreSQL adapter, started: migrates the schema, opens the pool and hands out every port it
 * implements. Start it once per process with {@link #start}, close it at shutdown.
 *
 * <p>Every pooled connection acts as the role {@code warden_app}, which owns nothing and cannot
 * bypass row-level security, whoever the configured user is; the start refuses to finish if that
 * does not hold. Repositories must be called inside {@link #transactions()}; {@link
 * #effectivePermissions()} opens its own read-only transaction when called outside one.
 *
 * <p>Size: about 300 lines, most of them one accessor per port: it is the adapter's one entry
 * point, and every port it hands out shares its single pool, migration and lifecycle.
 */
public final class PostgresPersistence implements AutoCloseable {
  /** The role the pool acts as; created by the migrations. */
  public static final String APPLICATION_ROLE = "warden_app";

  private final PostgresSettings settings;
  private final HikariDataSource pool;
  private final PostgresTransactions transactions;
  private final TenantRepository tenants;
  private final UserRepository users;
  private final MembershipRepository memberships;
  private final InvitationRepository invitations;
  private final OrganizationRepository organizations;
  private final RoleRepository roles;
  private final PermissionRepository permissions;
  private final SessionRepository sessions;
  private final EventTickets eventTickets;
  private final SigningKeyRepository signingKeys;
  private final EffectivePermissions effectivePermissions;
  private final ChangeJournal changeJournal;
  private final AuditLog auditLog;
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
    this.transactions = new PostgresTransactions(PostgresConnections.sessionFactory(statements));
    this.tenants = new PostgresTenantRepository(transactions);
    this.users = new PostgresUserRepository(transactions);
    this.memberships = new PostgresMembershipRepository(transactions);
    this.invitations = new PostgresInvitationRepository(transactions);
    this.organizations = new PostgresOrganizationRepository(transactions);
    this.roles = new PostgresRoleRepository(transactions);
    this.permissions = new PostgresPermissionRepository(transactions);
    this.sessions = new PostgresSessionRepository(transactions);
    this.eventTickets = new PostgresEventTickets(transactions);
    this.signingKeys = new PostgresSigningKeyRepository(transactions);
    this.effectivePermissions = new PostgresEffectivePermissions(transactions, clock);
    this.changeJournal = new PostgresChangeJournal(transactions);
    this.auditLog = new PostgresAuditLog(transactions);
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
    boolean schemaWasCurrent = Migrations.run(settings) == Migrations.Outcome.ALREADY_CURRENT;
    if (settings.poolLogin().isPresent()) {
      IsolationChecks.verifyPoolLogin(settings);
    }
    HikariDataSource pool = PostgresConnections.openPool(settings);
    try {
      IsolationChecks.verifyRowLevelSecurity(pool);
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

  public InvitationRepository invitations() {
    return invitations;
  }

  public OrganizationRepository organizations() {
    return organizations;
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

  public EventTickets eventTickets() {
    return eventTickets;
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

  /** The audit trail, written in the transactions of the changes it records. */
  public AuditLog auditLog() {
    return auditLog;
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
  public PostgresInstanceRegistry instanceRegistry(Duration liveWithin) {
    return new PostgresInstanceRegistry(pool, UUID.randomUUID(), liveWithin);
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
    return PostgresConnections.openDedicated(settings);
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
