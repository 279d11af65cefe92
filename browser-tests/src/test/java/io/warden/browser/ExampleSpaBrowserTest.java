package io.warden.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.warden.adapter.driven.postgres.testing.TestPostgres;
import io.warden.adapter.driven.redis.testing.TestRedis;
import io.warden.testing.LaunchedWarden;
import io.warden.testing.Tools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue #14's example app ({@code /examples/spa/}) in Debian's Chromium through {@code
 * src/test/js/spa.test.mjs}: two browser contexts against a Warden started from bootstrap's
 * packaged launcher on a fresh PostgreSQL database and Redis; the administrator revokes a role in
 * one, the member's button disappears in the other without a reload. The delay goes to {@code
 * target/spa-revoke-delay.json} (and the test's output); Node's output and Warden's log to {@code
 * target/}.
 */
class ExampleSpaBrowserTest {
  private final Path module = Path.of(System.getProperty("warden.browserTests.dir", "."));
  private final Path target =
      Path.of(
          System.getProperty("warden.browserTests.output", module.resolve("target").toString()));
  private final Path wardenHome =
      Path.of(
          System.getProperty(
              "warden.home", module.resolve("../bootstrap/target").normalize().toString()));

  @Test
  void the_example_app_hides_a_button_live_when_the_admin_revokes_its_role() throws Exception {
    Path chromium = Tools.chromium();
    Tools.requireNode(module);
    TestPostgres.Database database = TestPostgres.freshDatabase();
    Tools.Result npm =
        Tools.run(
            List.of("npm", "ci", "--no-audit", "--no-fund", "--prefer-offline"),
            module,
            Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1"),
            target.resolve("npm-ci-spa.log"),
            Duration.ofMinutes(5));
    assertThat(npm.exitCode()).as("npm ci:\n%s", npm.output()).isZero();

    String adminEmail = "operator@spa.warden.test";
    String adminPassword = "pw-" + HexFormat.of().formatHex(bytes(12));
    Map<String, String> env = new HashMap<>();
    env.put("WARDEN_PORT", "0");
    env.put("WARDEN_DB_URL", database.jdbcUrl());
    env.put("WARDEN_DB_USER", database.user());
    env.put("WARDEN_DB_PASSWORD", database.password());
    env.put("WARDEN_KEY_ENCRYPTION_KEY", Base64.getEncoder().encodeToString(bytes(32)));
    env.put("WARDEN_REDIS_URL", TestRedis.uri());
    env.put("WARDEN_REDIS_KEY_PREFIX", TestRedis.uniquePrefix());
    env.put("WARDEN_REDIS_TIMEOUT_MS", "2000");
    env.put("WARDEN_ADMIN_EMAIL", adminEmail);
    env.put("WARDEN_ADMIN_PASSWORD", adminPassword);

    Path delay = target.resolve("spa-revoke-delay.json");
    Files.deleteIfExists(delay);
    Tools.Result node;
    try (LaunchedWarden warden =
        LaunchedWarden.start(wardenHome, env, target.resolve("warden-spa.log"))) {
      node =
          Tools.run(
              List.of(
                  "node",
                  "--test",
                  "--test-reporter=spec",
                  "--test-reporter-destination=stdout",
                  "src/test/js/spa.test.mjs"),
              module,
              Map.of(
                  "WARDEN_URL", warden.baseUrl(),
                  "WARDEN_ADMIN_EMAIL", adminEmail,
                  "WARDEN_ADMIN_PASSWORD", adminPassword,
                  "WARDEN_CHROMIUM", chromium.toString(),
                  "WARDEN_SPA_DELAY_FILE", delay.toString()),
              target.resolve("node-test-spa.log"),
              Duration.ofMinutes(10));
      System.out.println(node.output());
      String log = warden.log();
      assertThat(node.exitCode())
          .as(
              "node --test failed:\n%s%nWarden's log (tail):%n%s",
              node.output(), log.substring(Math.max(0, log.length() - 6000)))
          .isZero();
    }
    assertThat(node.output()).contains("ℹ fail 0").doesNotContain("ℹ pass 0");
    assertThat(Files.readString(delay)).contains("\"delayMs\":");
  }

  private static byte[] bytes(int n) {
    byte[] bytes = new byte[n];
    new SecureRandom().nextBytes(bytes);
    return bytes;
  }
}
