package io.warden.adapter.driven.postgres;

import io.warden.application.port.driven.Unavailable;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import liquibase.Scope;
import liquibase.UpdateSummaryOutputEnum;
import liquibase.command.CommandScope;
import liquibase.command.core.UpdateCommandStep;
import liquibase.command.core.helpers.DbUrlConnectionArgumentsCommandStep;
import liquibase.command.core.helpers.ShowSummaryArgument;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;
import liquibase.ui.LoggerUIService;

/**
 * Brings the schema up to date with Liquibase, as the configured user on a connection of its own
 * (never a pooled one: those act as {@code warden_app}, which may not create anything). Liquibase's
 * lock table makes instances starting together take turns.
 *
 * <p>A database already migrated with this very changelog (its {@link ChangelogFingerprint} is in
 * {@code schema_fingerprints}) whose configured user is already a member of {@code warden_app} is
 * left alone: the fingerprint is recorded only after a complete Liquibase run, and change sets are
 * append-only, so such a database holds every change set of the changelog. Instances starting
 * together read the table without a lock; at worst several of them run Liquibase, which takes turns
 * as before.
 */
final class Migrations {
  static final String CHANGELOG = "db/changelog/db.changelog-master.xml";

  /** What a start did to the schema. */
  enum Outcome {
    /** Liquibase ran (and applied whatever was pending, possibly nothing but the grants). */
    MIGRATED,
    /** The schema was already at this changelog: Liquibase was not even loaded. */
    ALREADY_CURRENT
  }

  private Migrations() {}

  static Outcome run(PostgresSettings settings) {
    return run(settings, CHANGELOG);
  }

  /** Runs {@code changelog} (a class-path resource): tests build a database of an older schema. */
  static Outcome run(PostgresSettings settings, String changelog) {
    Optional<String> fingerprint =
        ChangelogFingerprint.of(Migrations.class.getClassLoader(), changelog);
    try (Connection connection = open(settings, "warden-migrations")) {
      if (fingerprint.isPresent() && isCurrent(connection, fingerprint.get())) {
        return Outcome.ALREADY_CURRENT;
      }
      update(connection, changelog);
      if (fingerprint.isPresent() && hasFingerprintTable(connection)) {
        record(connection, fingerprint.get());
      }
      return Outcome.MIGRATED;
    } catch (SQLException e) {
      throw SqlErrors.translate(e);
    }
  }

  /**
   * Whether this changelog was applied in full before and the configured user can still act as
   * {@code warden_app} (the always-run change set would otherwise grant that membership).
   */
  private static boolean isCurrent(Connection connection, String fingerprint) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet ready =
            statement.executeQuery(
                """
                SELECT to_regclass('schema_fingerprints') IS NOT NULL
                   AND EXISTS (SELECT 1 FROM pg_roles r WHERE r.rolname = 'warden_app'
                               AND pg_has_role(current_user, r.oid, 'MEMBER'))
                """)) {
      if (!ready.next() || !ready.getBoolean(1)) {
        return false;
      }
    }
    try (PreparedStatement query =
        connection.prepareStatement("SELECT 1 FROM schema_fingerprints WHERE fingerprint = ?")) {
      query.setString(1, fingerprint);
      try (ResultSet found = query.executeQuery()) {
        return found.next();
      }
    }
  }

  /** An older changelog (a test's) may predate the table. */
  private static boolean hasFingerprintTable(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet exists =
            statement.executeQuery("SELECT to_regclass('schema_fingerprints') IS NOT NULL")) {
      return exists.next() && exists.getBoolean(1);
    }
  }

  private static void record(Connection connection, String fingerprint) throws SQLException {
    boolean autoCommit = connection.getAutoCommit();
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO schema_fingerprints (fingerprint) VALUES (?) ON CONFLICT DO NOTHING")) {
      insert.setString(1, fingerprint);
      insert.executeUpdate();
    }
    if (!autoCommit) {
      connection.commit();
    }
  }

  private static void update(Connection connection, String changelog) {
    try {
      Database database =
          DatabaseFactory.getInstance()
              .findCorrectDatabaseImplementation(new JdbcConnection(connection));
      Map<String, Object> scope =
          Map.of(
              Scope.Attr.ui.name(),
              new LoggerUIService(),
              Scope.Attr.resourceAccessor.name(),
              new ClassLoaderResourceAccessor(Migrations.class.getClassLoader()),
              // No usage reporting to Liquibase's servers from a production start.
              "liquibase.analytics.enabled",
              false);
      Scope.child(
          scope,
          () ->
              new CommandScope(UpdateCommandStep.COMMAND_NAME)
                  .addArgumentValue(DbUrlConnectionArgumentsCommandStep.DATABASE_ARG, database)
                  .addArgumentValue(UpdateCommandStep.CHANGELOG_FILE_ARG, changelog)
                  // The summary goes to the log, never to standard output.
                  .addArgumentValue(
                      ShowSummaryArgument.SHOW_SUMMARY_OUTPUT, UpdateSummaryOutputEnum.LOG)
                  .execute());
    } catch (Exception e) {
      RuntimeException translated = SqlErrors.translate(e);
      if (translated instanceof Unavailable) {
        throw translated;
      }
      throw new IllegalStateException("database migration failed", e);
    }
  }

  /** A direct connection as the configured user (the owner), outside the pool. */
  static Connection open(PostgresSettings settings, String applicationName) throws SQLException {
    return open(settings, settings.user(), settings.password(), applicationName);
  }

  /** A direct connection as the runtime user (the pool's login), outside the pool. */
  static Connection openRuntime(PostgresSettings settings, String applicationName)
      throws SQLException {
    return open(settings, settings.runtimeUser(), settings.runtimePassword(), applicationName);
  }

  private static Connection open(
      PostgresSettings settings, String user, String password, String applicationName)
      throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("user", user);
    properties.setProperty("password", password);
    properties.setProperty("ApplicationName", applicationName);
    properties.setProperty(
        "connectTimeout", Long.toString(Math.max(1, settings.connectionTimeout().toSeconds())));
    return DriverManager.getConnection(settings.jdbcUrl(), properties);
  }
}
