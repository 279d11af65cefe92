package io.warden.adapter.driven.postgres;

import io.warden.application.port.out.Unavailable;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
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
 */
final class Migrations {
  static final String CHANGELOG = "db/changelog/db.changelog-master.xml";

  private Migrations() {}

  static void run(PostgresSettings settings) {
    run(settings, CHANGELOG);
  }

  /** Runs {@code changelog} (a class-path resource): tests build a database of an older schema. */
  static void run(PostgresSettings settings, String changelog) {
    try (Connection connection = open(settings, "warden-migrations")) {
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
    } catch (SQLException e) {
      throw SqlErrors.translate(e);
    } catch (Exception e) {
      RuntimeException translated = SqlErrors.translate(e);
      if (translated instanceof Unavailable) {
        throw translated;
      }
      throw new IllegalStateException("database migration failed", e);
    }
  }

  /** A direct connection as the configured user, outside the pool. */
  static Connection open(PostgresSettings settings, String applicationName) throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("user", settings.user());
    properties.setProperty("password", settings.password());
    properties.setProperty("ApplicationName", applicationName);
    properties.setProperty(
        "connectTimeout", Long.toString(Math.max(1, settings.connectionTimeout().toSeconds())));
    return DriverManager.getConnection(settings.jdbcUrl(), properties);
  }
}
