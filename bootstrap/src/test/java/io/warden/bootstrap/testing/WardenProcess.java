package io.warden.bootstrap.testing;

import io.warden.testing.WardenStartup;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real Warden in a JVM of its own ({@code io.warden.bootstrap.Main}, the class the jar runs, on
 * the test's own class path and JDK), on a free port, configured only through its environment: what
 * several instances, a crash or a {@code SIGTERM} need, which {@link WardenInstance} (same JVM)
 * cannot give. Its output goes to a log file, kept for {@link #log()}.
 *
 * <pre>{@code
 * try (WardenProcess a = WardenProcess.start(shared.environment(Map.of()))) {
 *   a.client().get("/health", null);
 *   a.sigterm();
 *   a.awaitExit(Duration.ofSeconds(30));
 * }
 * }</pre>
 */
public final class WardenProcess implements AutoCloseable {
  private final Process process;
  private final Path logFile;
  private final int port;
  private final WardenClient client;

  private WardenProcess(Process process, Path logFile, int port) {
    this.process = process;
    this.logFile = logFile;
    this.port = port;
    this.client = new WardenClient("http://127.0.0.1:" + port);
  }

  /**
   * Starts an instance with exactly {@code environment} as its Warden configuration (plus {@code
   * PATH} and {@code HOME}) and waits until it listens and {@code /ping} answers.
   *
   * @param environment e.g. {@link WardenInstance.Shared#environment}; {@code WARDEN_PORT=0} picks
   *     a free port
   * @param jvmOptions extra JVM options, e.g. {@code -Xmx128m}
   */
  public static WardenProcess start(Map<String, String> environment, String... jvmOptions) {
    String java =
        ProcessHandle.current()
            .info()
            .command()
            .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    List<String> command = new ArrayList<>();
    command.add(java);
    command.add("-Xmx192m");
    command.add("-XX:+UseSerialGC");
    command.add("-XX:TieredStopAtLevel=1");
    command.addAll(List.of(jvmOptions));
    command.addAll(
        List.of("-cp", System.getProperty("java.class.path"), "io.warden.bootstrap.Main"));
    try {
      Path log = Files.createTempFile("warden-process-", ".log");
      ProcessBuilder builder =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
      Map<String, String> env = builder.environment();
      env.keySet().removeIf(name -> name.startsWith("WARDEN_"));
      env.putAll(environment);
      Process process = builder.start();
      int port = WardenStartup.awaitListening(process, log, Duration.ofSeconds(120));
      WardenProcess started = new WardenProcess(process, log, port);
      WardenStartup.awaitPing(started.client.baseUrl(), Duration.ofSeconds(30), log);
      return started;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public int port() {
    return port;
  }

  public long pid() {
    return process.pid();
  }

  public WardenClient client() {
    return client;
  }

  public boolean alive() {
    return process.isAlive();
  }

  /** Sends {@code SIGTERM}, as an orchestrator stopping the instance would; does not wait. */
  public void sigterm() {
    process.destroy(); // SIGTERM on Linux and macOS
  }

  /** Waits up to {@code timeout} for the process to exit; true if it did. */
  public boolean awaitExit(Duration timeout) {
    try {
      return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** The exit code; the process must have exited. */
  public int exitCode() {
    return process.exitValue();
  }

  /** Everything the process printed so far. */
  public String log() {
    return WardenStartup.read(logFile);
  }

  /** Kills the process ({@code SIGKILL}) if it still runs, and deletes its log. */
  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroyForcibly();
      awaitExit(Duration.ofSeconds(20));
    }
    try {
      Files.deleteIfExists(logFile);
    } catch (IOException e) {
      // a temporary file left behind harms nothing
    }
  }
}
