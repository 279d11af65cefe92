package io.warden.bootstrap;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The training run behind {@code bin/warden --train}: the JVM records the classes a start and a few
 * requests load, and writes them as a class-data archive (AppCDS, or JDK 25's AOT cache) that later
 * starts map instead of loading, verifying and linking each class again.
 *
 * <p>It starts Warden as production does, but on a scratch embedded PostgreSQL (the archive must be
 * buildable where nothing is installed) with a Redis URL that refuses connections (the Lettuce and
 * Netty classes of the connection attempt are loaded all the same), serves the requests a real
 * instance serves most (liveness, health, login, single and batch checks, {@code /api/me}, a bad
 * request), and stops. Nothing it creates outlives it: the launcher deletes the scratch folder.
 *
 * <p>The launcher runs it twice on one scratch folder: first with {@code prepare} and no archive
 * (the database is created, migrated and provisioned), then recording, on that database with its
 * schema current, as every restart in production finds it. The archive then holds the classes a
 * restart loads and not Liquibase's, an XML parser's or the first provisioning's, which no restart
 * loads but which, archived, every start would map and load (JDK 25 loads every archived class at
 * start): a smaller archive is fewer resident MiB in every instance. The two runs share the demo
 * password and the key-encryption key through a file in the scratch folder.
 */
public final class TrainingRun {
  private static final Pattern ACCESS_TOKEN =
      Pattern.compile("\"accessToken\"\\s*:\\s*\"([^\"]+)\"");

  private TrainingRun() {}

  /**
   * {@code args[0]}: a scratch folder for the embedded database; {@code args[1]}, optional: {@code
   * prepare} to create the database and stop without serving.
   */
  public static void main(String[] args) {
    boolean prepare = args.length == 2 && args[1].equals("prepare");
    if (args.length != 1 && !prepare) {
      throw new IllegalArgumentException("usage: TrainingRun <scratch folder> [prepare]");
    }
    Path scratch = Path.of(args[0]).toAbsolutePath();
    Properties secrets = secrets(scratch.resolve("training-secrets.properties"));
    String password = secrets.getProperty("password");
    Map<String, String> env = new HashMap<>();
    env.put("WARDEN_PORT", "0");
    env.put("WARDEN_EMBEDDED_DB_DIR", scratch.resolve("postgres").toString());
    // Port 1 refuses connections: the L2 connection code runs and fails, and Warden serves on.
    env.put("WARDEN_REDIS_URL", "redis://127.0.0.1:1");
    env.put("WARDEN_DEMO_TENANTS", "1");
    env.put("WARDEN_DEMO_USERS", "3");
    env.put("WARDEN_DEMO_PASSWORD", password);
    // Sealed signing keys, as in production, so the archive holds the AES-GCM path too.
    env.put("WARDEN_KEY_ENCRYPTION_KEY", secrets.getProperty("kek"));
    int status;
    try (Warden warden = Warden.start(WardenConfig.load(env))) {
      if (!prepare) {
        exercise("http://127.0.0.1:" + warden.port(), password);
      }
      status = 0;
    }
    // The archive is written when the JVM exits; exit at once rather than wait for stray threads.
    System.exit(status);
  }

  /** The demo password and key-encryption key of this scratch folder, made by its first run. */
  private static Properties secrets(Path file) {
    Properties secrets = new Properties();
    try {
      if (Files.exists(file)) {
        try (InputStream in = Files.newInputStream(file)) {
          secrets.load(in);
        }
      } else {
        SecureRandom random = new SecureRandom();
        secrets.setProperty("password", HexFormat.of().formatHex(random.generateSeed(16)));
        secrets.setProperty(
            "kek", java.util.Base64.getEncoder().encodeToString(random.generateSeed(32)));
        Files.createDirectories(file.getParent());
        try (OutputStream out = Files.newOutputStream(file)) {
          secrets.store(out, "bin/warden --train: scratch only, deleted with the folder");
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot keep the training run's secrets in " + file, e);
    }
    return secrets;
  }

  private static void exercise(String base, String password) {
    expect(200, call(base, "GET", "/ping", null, null));
    expect(200, call(base, "GET", "/health", null, null));
    expect(200, call(base, "GET", "/.well-known/jwks.json", null, null));
    Answer login =
        call(
            base,
            "POST",
            "/api/auth/login",
            null,
            "{\"email\":\"demo-1-1@demo.warden.local\",\"password\":\"" + password + "\"}");
    expect(200, login);
    Matcher token = ACCESS_TOKEN.matcher(login.body());
    if (!token.find()) {
      throw new IllegalStateException("the training login answered no access token");
    }
    String bearer = token.group(1);
    for (int i = 0; i < 200; i++) {
      expect(
          200, call(base, "POST", "/api/authz/check", bearer, "{\"permission\":\"users.view\"}"));
    }
    expect(
        200,
        call(
            base,
            "POST",
            "/api/authz/check-batch",
            bearer,
            "{\"checks\":[{\"permission\":\"users.view\"},{\"permission\":\"roles.edit\"}]}"));
    expect(200, call(base, "GET", "/api/me", bearer, null));
    expect(400, call(base, "POST", "/api/authz/check", bearer, "{\"permission\":"));
    expect(401, call(base, "POST", "/api/authz/check", "not-a-token", "{}"));
  }

  private record Answer(String path, int status, String body) {}

  private static void expect(int status, Answer answer) {
    if (answer.status() != status) {
      throw new IllegalStateException(
          answer.path() + " answered " + answer.status() + ", expected " + status);
    }
  }

  private static Answer call(
      String base, String method, String path, @Nullable String bearer, @Nullable String body) {
    try {
      HttpURLConnection connection =
          (HttpURLConnection) URI.create(base + path).toURL().openConnection();
      connection.setRequestMethod(method);
      if (bearer != null) {
        connection.setRequestProperty("Authorization", "Bearer " + bearer);
      }
      if (body != null) {
        connection.setDoOutput(true);
        connection.setRequestProperty("Content-Type", "application/json");
        try (OutputStream out = connection.getOutputStream()) {
          out.write(body.getBytes(StandardCharsets.UTF_8));
        }
      }
      int status = connection.getResponseCode();
      InputStream in = status < 400 ? connection.getInputStream() : connection.getErrorStream();
      String text = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return new Answer(path, status, text);
    } catch (IOException e) {
      throw new UncheckedIOException(method + " " + path + " failed", e);
    }
  }
}
