package io.warden.bootstrap.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
  private static final Pattern LISTENING = Pattern.compile("Warden listening on port (\\d+)");

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
      int port = awaitListening(process, log, Duration.ofSeconds(120));
      WardenProcess started = new WardenProcess(process, log, port);
      started.awaitPing(Duration.ofSeconds(30));
      return started;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int awaitListening(Process process, Path log, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      String text = read(log);
      Matcher matcher = LISTENING.matcher(text);
      if (matcher.find()) {
        return Integer.parseInt(matcher.group(1));
      }
      if (!process.isAlive()) {
        throw new IllegalStateException("Warden exited at start-up:\n" + text);
      }
      pause(100);
    }
    process.destroyForcibly();
    throw new IllegalStateException("Warden did not start within " + timeout + ":\n" + read(log));
  }

  private void awaitPing(Duration timeout) {
    HttpClient http = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      try {
        HttpResponse<String> pong =
            http.send(
                HttpRequest.newBuilder(URI.create(client.baseUrl() + "/ping")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (pong.statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      pause(50);
    }
    throw new IllegalStateException("no /ping answer from " + client.baseUrl());
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
    return read(logFile);
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

  private static String read(Path log) {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return "";
    }
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
