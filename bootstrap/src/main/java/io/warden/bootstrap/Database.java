package io.warden.bootstrap;

import io.warden.adapter.driven.postgres.PostgresPersistence;
import io.warden.adapter.driven.postgres.PostgresSettings;
import java.time.Clock;
import java.util.Deque;

/** Where Warden's data lives: the configured PostgreSQL, or an embedded one, migrated. */
final class Database {
  private Database() {}

  /** The configured PostgreSQL (or an embedded one), migrated. */
  static PostgresPersistence start(
      WardenConfig config, Clock clock, Deque<AutoCloseable> resources, StartUpPhases phases) {
    PostgresSettings database;
    if (config.dbUrl().isPresent()) {
      database =
          new PostgresSettings(
              config.dbUrl().get(), config.dbUser(), config.dbPassword(), config.dbPoolSize());
    } else {
      EmbeddedDatabase embedded = EmbeddedDatabase.start(config.embeddedDataDir());
      resources.push(embedded);
      database = new PostgresSettings(embedded.jdbcUrl(), embedded.user(), "", config.dbPoolSize());
      phases.done("embedded database");
    }
    if (config.dbAppUser().isPresent()) {
      // Least privilege: the owner's credentials run the migrations, the pool logs in as its own.
      database =
          database.withPoolLogin(
              new PostgresSettings.PoolLogin(config.dbAppUser().get(), config.dbAppPassword()));
    }
    PostgresPersistence persistence = PostgresPersistence.start(database, clock);
    resources.push(persistence);
    phases.done(
        persistence.schemaWasCurrent() ? "database (schema current)" : "database and migrations");
    return persistence;
  }
}
