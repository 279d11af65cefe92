package io.warden.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The programs the browser and TypeScript client tests need besides Java (Chromium, Node.js 20+,
 * npm), and running them.
 *
 * <p>A missing one skips the test with a loud message — except with {@code CI=true}, where it
 * fails, so a CI run can never go green without having driven a browser.
 */
public final class Tools {
  public static final String DEFAULT_CHROMIUM = "/usr/bin/chromium";

  private Tools() {}

  /** Debian's Chromium ({@code WARDEN_CHROMIUM} overrides the path); never a downloaded one. */
  public static Path chromium() {
    String configured = System.getenv("WARDEN_CHROMIUM");
    Path chromium =
        Path.of(configured == null || configured.isBlank() ? DEFAULT_CHROMIUM : configured);
    if (!Files.isExecutable(chromium)) {
      missing(
          "no Chromium at "
              + chromium
              + " (install Debian's: apt-get install -y chromium; or set WARDEN_CHROMIUM)");
    }
    return chromium;
  }

  /** Checks that {@code node} (20 or newer) and {@code npm} are on the {@code PATH}. */
  public static void requireNode(Path workingDirectory) {
    Optional<Result> node = runQuietly(List.of("node", "--version"), workingDirectory);
    if (node.isEmpty() || node.get().exitCode() != 0) {
      missing("no node on the PATH (Node.js 20 or newer runs the browser and client tests)");
    }
    String version = node.orElseThrow().output().trim();
    int major = Integer.parseInt(version.replaceFirst("^v?(\\d+).*$", "$1"));
    if (major < 20) {
      missing(
          "node " + version + " is too old: the browser and client tests need Node.js 20 or newer");
    }
    Optional<Result> npm = runQuietly(List.of("npm", "--version"), workingDirectory);
    if (npm.isEmpty() || npm.get().exitCode() != 0) {
      missing("no npm on the PATH (it installs the browser and client tests' packages)");
    }
  }

  /**
   * Installs the packages of {@code directory} exactly as its committed {@code package-lock.json}
   * pins them ({@code npm ci}, no browser download), its output going to {@code log}; a failure
   * fails the test with that output.
   */
  public static void npmCi(Path directory, Path log) throws IOException, InterruptedException {
    npm(directory, List.of("ci", "--no-audit", "--no-fund", "--prefer-offline"), log);
  }

  /** Runs {@code npm arguments} in {@code directory}; a non-zero exit fails the test. */
  public static void npm(Path directory, List<String> arguments, Path log)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add("npm");
    command.addAll(arguments);
    // playwright-core is what the tests install; Chromium is Debian's (see chromium()).
    Result npm =
        run(
            command,
            directory,
            Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1"),
            log,
            Duration.ofMinutes(5));
    if (npm.exitCode() != 0) {
      throw new AssertionError(command + " exited with " + npm.exitCode() + ":\n" + npm.output());
    }
  }

  /**
   * Runs {@code files} through Node.js's own test runner in {@code directory} with {@code
   * environment} added, its report (spec) going to {@code log} and this test's output.
   */
  public static Result nodeTest(
      Path directory,
      List<String> files,
      Map<String, String> environment,
      Path log,
      Duration timeout)
      throws IOException, InterruptedException {
    List<String> command =
        new ArrayList<>(
            List.of(
                "node", "--test", "--test-reporter=spec", "--test-reporter-destination=stdout"));
    command.addAll(files);
    Result node = run(command, directory, environment, log, timeout);
    System.out.println(node.output());
    return node;
  }

  /** What a finished program printed (stdout and stderr together) and its exit code. */
  public record Result(int exitCode, String output) {}

  /**
   * Runs {@code command} in {@code directory} with {@code environment} added, its output going to
   * {@code log} (kept), for at most {@code timeout}; a program still running then is killed with
   * every process it started.
   */
  public static Result run(
      List<String> command,
      Path directory,
      Map<String, String> environment,
      Path log,
      Duration timeout)
      throws IOException, InterruptedException {
    Files.createDirectories(log.getParent());
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(directory.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    builder.environment().putAll(environment);
    Process process = builder.start();
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      return new Result(-1, Files.readString(log) + "\n[killed after " + timeout + "]");
    }
    return new Result(process.exitValue(), Files.readString(log));
  }

  private static Optional<Result> runQuietly(List<String> command, Path directory) {
    try {
      Path log = Files.createTempFile("warden-tool-", ".log");
      try {
        return Optional.of(run(command, directory, Map.of(), log, Duration.ofSeconds(30)));
      } finally {
        Files.deleteIfExists(log);
      }
    } catch (IOException e) {
      return Optional.empty(); // not installed
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  /** Skips (loudly) or, with {@code CI=true}, fails. */
  public static void missing(String why) {
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      throw new IllegalStateException(
          "CI=true and a Node.js test cannot run: " + why + " (.ci/run installs Chromium)");
    }
    String banner = "*".repeat(100);
    System.err.printf(
        "%n%s%n  NODE.JS/BROWSER TEST SKIPPED: %s%n  It did NOT run."
            + " With CI=true this fails the build.%n%s%n%n",
        banner, why, banner);
    Assumptions.abort(why);
  }
}
