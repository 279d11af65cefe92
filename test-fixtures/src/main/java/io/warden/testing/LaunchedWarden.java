package io.warden.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Warden as an operator runs it: bootstrap's packaged launcher ({@code target/bin/warden} beside
 * {@code warden.jar} and {@code lib/}), configured only by {@code WARDEN_*} variables, in a process
 * of its own, its output in a log file that is kept. Used by the tests that drive Warden from
 * outside the JVM (browser-tests, clients/typescript).
 */
public final class LaunchedWarden implements AutoCloseable {
  private static final Pattern LISTENING = Pattern.compile("Warden listening on port (\\d+)");

  private final Process process;
  private final Path log;
  private final String baseUrl;

  private LaunchedWarden(Process process, Path log, int port) {
    this.process = process;
    this.log = log;
    this.baseUrl = "http://127.0.0.1:" + port;
  }

  /**
   * Starts the launcher of {@code home} on this JVM's own JDK with exactly {@code environment} as
   * Warden's configuration, and waits until {@code /ping} answers.
   */
  public static LaunchedWarden start(Path home, Map<String, String> environment, Path log) {
    Path launcher = home.resolve("bin").resolve("warden");
    if (!Files.isExecutable(launcher) || !Files.isRegularFile(home.resolve("warden.jar"))) {
      throw new IllegalStateException(
          "no packaged Warden in "
              + home
              + " (bootstrap's package phase lays it out; run the build from the root)");
    }
    try {
      Files.createDirectories(log.getParent());
      Files.deleteIfExists(log);
      ProcessBuilder builder =
          new ProcessBuilder(launcher.toString())
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
      Map<String, String> env = builder.environment();
      env.keySet().removeIf(name -> name.startsWith("WARDEN_"));
      env.put("JAVA_HOME", System.getProperty("java.home"));
      env.putAll(environment);
      Process process = builder.start();
      LaunchedWarden warden = new LaunchedWarden(process, log, awaitPort(process, log));
      warden.awaitPing();
      return warden;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String baseUrl() {
    return baseUrl;
  }

  private static int awaitPort(Process process, Path log) {
    long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
    while (System.nanoTime() < deadline) {
      String text = read(log);
      Matcher matcher = LISTENING.matcher(text);
      if (matcher.find()) {
        return Integer.parseInt(matcher.group(1));
      }
      if (!process.isAlive()) {
        throw new IllegalStateException("Warden exited at start-up:\n" + text);
      }
      pause();
    }
    process.destroyForcibly();
    throw new IllegalStateException("Warden did not start within 3 minutes:\n" + read(log));
  }

  private void awaitPing() {
    HttpClient http = HttpClient.newHttpClient();
    HttpRequest ping = HttpRequest.newBuilder(URI.create(baseUrl + "/ping")).build();
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      try {
        if (http.send(ping, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      pause();
    }
    throw new IllegalStateException("no /ping answer from " + baseUrl + ":\n" + read(log));
  }

  /** Everything Warden printed so far. */
  public String log() {
    return read(log);
  }

  /** Stops Warden as an orchestrator would ({@code SIGTERM}), killing it if it lingers. */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      return "";
    }
  }

  private static void pause() {
    try {
      Thread.sleep(100);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
