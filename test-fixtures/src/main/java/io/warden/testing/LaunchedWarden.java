package io.warden.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Warden as an operator runs it: bootstrap's packaged launcher ({@code target/bin/warden} beside
 * {@code warden.jar} and {@code lib/}), configured only by {@code WARDEN_*} variables, in a process
 * of its own, its output in a log file that is kept. Used by the tests that drive Warden from
 * outside the JVM (browser-tests, clients/typescript).
 */
public final class LaunchedWarden implements AutoCloseable {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Process process;
  private final Map<String, String> environment;
  private final Path log;
  private final String baseUrl;

  private LaunchedWarden(Process process, Map<String, String> environment, Path log, int port) {
    this.process = process;
    this.environment = Map.copyOf(environment);
    this.log = log;
    this.baseUrl = "http://127.0.0.1:" + port;
  }

  /**
   * The packaged Warden the build laid out: the {@code warden.home} system property (the module's
   * POM sets it), else {@code fallback}.
   */
  public static Path home(Path fallback) {
    return Path.of(System.getProperty("warden.home", fallback.normalize().toString()));
  }

  /**
   * The configuration every launched test instance starts from: a free port, a random
   * key-encryption key, an administrator {@code adminEmail} with a random password, and a Redis
   * timeout a loaded build machine does not trip. The test adds its database, Redis and whatever it
   * tests.
   */
  public static Environment environment(String adminEmail) {
    return new Environment(adminEmail);
  }

  /** As {@link #start(Path, Map, Path)}, with {@code environment}'s variables. */
  public static LaunchedWarden start(Path home, Environment environment, Path log) {
    return start(home, environment.variables(), log);
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
      LaunchedWarden warden =
          new LaunchedWarden(
              process,
              environment,
              log,
              WardenStartup.awaitListening(process, log, Duration.ofMinutes(3)));
      WardenStartup.awaitPing(warden.baseUrl, Duration.ofSeconds(30), log);
      return warden;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String baseUrl() {
    return baseUrl;
  }

  /** Everything Warden printed so far. */
  public String log() {
    return WardenStartup.read(log);
  }

  /** The last {@code chars} characters Warden printed, for a failure message. */
  public String logTail(int chars) {
    String text = log();
    return text.substring(Math.max(0, text.length() - chars));
  }

  /**
   * Runs {@code files} through Node.js's own test runner in {@code directory} against this Warden
   * ({@code WARDEN_URL} and its administrator's {@code WARDEN_ADMIN_EMAIL} and {@code
   * WARDEN_ADMIN_PASSWORD} set, {@code variables} added), its report going to {@code log}. Fails,
   * with the report and the tail of Warden's log, unless Node exits 0 having run at least one test
   * and failed none.
   */
  public Tools.Result nodeTest(
      Path directory, List<String> files, Map<String, String> variables, Path log, Duration timeout)
      throws IOException, InterruptedException {
    Map<String, String> node = new HashMap<>(variables);
    node.put("WARDEN_URL", baseUrl);
    for (String admin : List.of("WARDEN_ADMIN_EMAIL", "WARDEN_ADMIN_PASSWORD")) {
      if (environment.containsKey(admin)) {
        node.put(admin, environment.get(admin));
      }
    }
    Tools.Result result = Tools.nodeTest(directory, files, node, log, timeout);
    if (result.exitCode() != 0) {
      throw new AssertionError(
          "node --test failed:\n" + result.output() + "\nWarden's log (tail):\n" + logTail(6000));
    }
    if (!result.output().contains("ℹ fail 0") || result.output().contains("ℹ pass 0")) {
      throw new AssertionError("node --test failed a test or passed none:\n" + result.output());
    }
    return result;
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

  private static String randomHex(int bytes) {
    return HexFormat.of().formatHex(randomBytes(bytes));
  }

  private static byte[] randomBytes(int n) {
    byte[] bytes = new byte[n];
    RANDOM.nextBytes(bytes);
    return bytes;
  }

  /** The {@code WARDEN_*} variables of one launched instance, built up by the test. */
  public static final class Environment {
    private final Map<String, String> variables = new LinkedHashMap<>();
    private final String adminEmail;
    private final String adminPassword;

    private Environment(String adminEmail) {
      this.adminEmail = adminEmail;
      this.adminPassword = "pw-" + randomHex(12);
      variables.put("WARDEN_PORT", "0");
      variables.put(
          "WARDEN_KEY_ENCRYPTION_KEY", Base64.getEncoder().encodeToString(randomBytes(32)));
      // A loaded build machine answers Redis in more than 50 ms now and then: no breaker trips.
      variables.put("WARDEN_REDIS_TIMEOUT_MS", "2000");
      variables.put("WARDEN_ADMIN_EMAIL", adminEmail);
      variables.put("WARDEN_ADMIN_PASSWORD", adminPassword);
    }

    /** The PostgreSQL database Warden owns (migrates and serves from). */
    public Environment database(String jdbcUrl, String user, String password) {
      return with("WARDEN_DB_URL", jdbcUrl)
          .with("WARDEN_DB_USER", user)
          .with("WARDEN_DB_PASSWORD", password);
    }

    /** The Redis of the shared cache tier and rate limits, under a key prefix of this test's. */
    public Environment redis(String uri, String keyPrefix) {
      return with("WARDEN_REDIS_URL", uri).with("WARDEN_REDIS_KEY_PREFIX", keyPrefix);
    }

    /** Sets (or replaces) one variable. */
    public Environment with(String variable, String value) {
      variables.put(Objects.requireNonNull(variable, "variable"), Objects.requireNonNull(value));
      return this;
    }

    public String adminEmail() {
      return adminEmail;
    }

    public String adminPassword() {
      return adminPassword;
    }

    public Map<String, String> variables() {
      return Map.copyOf(variables);
    }
  }
}
