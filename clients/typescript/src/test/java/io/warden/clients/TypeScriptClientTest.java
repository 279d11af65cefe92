package io.warden.clients;

import static org.assertj.core.api.Assertions.assertThat;

import io.warden.adapter.driven.postgres.testing.TestPostgres;
import io.warden.adapter.driven.redis.testing.TestRedis;
import io.warden.testing.LaunchedWarden;
import io.warden.testing.Tools;
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
 * Issue #14's typed client, built and tested as its users get it: {@code npm ci} from the committed
 * lock file, the types generated from the served {@code openapi.yaml}, {@code tsc}, then {@code
 * node --test} (test/unit.test.mjs, test/live.test.mjs) against a real Warden started from
 * bootstrap's packaged launcher on a fresh PostgreSQL database and Redis. npm's and Node's output
 * and Warden's log go to {@code target/}.
 */
class TypeScriptClientTest {
  private final Path module = Path.of(System.getProperty("warden.client.dir", "."));
  private final Path target =
      Path.of(System.getProperty("warden.client.output", module.resolve("target").toString()));
  private final Path wardenHome =
      Path.of(
          System.getProperty(
              "warden.home", module.resolve("../../bootstrap/target").normalize().toString()));

  @Test
  void the_client_builds_from_the_openapi_document_and_passes_its_tests_against_warden()
      throws Exception {
    Tools.requireNode(module);
    TestPostgres.Database database = TestPostgres.freshDatabase();
    String redis = TestRedis.uri();

    npm(List.of("npm", "ci", "--no-audit", "--no-fund", "--prefer-offline"), "npm-ci.log");
    npm(List.of("npm", "run", "build"), "npm-build.log");
    // The example app bundles the built client: its committed copy must be this build.
    npm(List.of("npm", "run", "spa:check"), "npm-spa-check.log");

    String adminEmail = "operator@client.warden.test";
    String adminPassword = "pw-" + HexFormat.of().formatHex(bytes(12));
    Map<String, String> env = new HashMap<>();
    env.put("WARDEN_PORT", "0");
    env.put("WARDEN_DB_URL", database.jdbcUrl());
    env.put("WARDEN_DB_USER", database.user());
    env.put("WARDEN_DB_PASSWORD", database.password());
    env.put("WARDEN_KEY_ENCRYPTION_KEY", Base64.getEncoder().encodeToString(bytes(32)));
    env.put("WARDEN_REDIS_URL", redis);
    env.put("WARDEN_REDIS_KEY_PREFIX", TestRedis.uniquePrefix());
    env.put("WARDEN_REDIS_TIMEOUT_MS", "2000");
    env.put("WARDEN_ADMIN_EMAIL", adminEmail);
    env.put("WARDEN_ADMIN_PASSWORD", adminPassword);
    // The tests log in more often than a person would.
    env.put("WARDEN_RATE_AUTH_PER_15_MINUTES", "100000");

    Tools.Result node;
    try (LaunchedWarden warden =
        LaunchedWarden.start(wardenHome, env, target.resolve("warden.log"))) {
      node =
          Tools.run(
              List.of(
                  "node",
                  "--test",
                  "--test-reporter=spec",
                  "--test-reporter-destination=stdout",
                  "test/unit.test.mjs",
                  "test/live.test.mjs"),
              module,
              Map.of(
                  "WARDEN_URL", warden.baseUrl(),
                  "WARDEN_ADMIN_EMAIL", adminEmail,
                  "WARDEN_ADMIN_PASSWORD", adminPassword),
              target.resolve("node-test.log"),
              Duration.ofMinutes(10));
      System.out.println(node.output());
      String log = warden.log();
      assertThat(node.exitCode())
          .as(
              "node --test failed:\n%s%nWarden's log (tail):%n%s",
              node.output(), log.substring(Math.max(0, log.length() - 6000)))
          .isZero();
    }
    assertThat(node.output())
        .contains("ℹ fail 0")
        .contains("ℹ skipped 0")
        .doesNotContain("ℹ pass 0");
  }

  private void npm(List<String> command, String log) throws Exception {
    Tools.Result npm =
        Tools.run(command, module, Map.of(), target.resolve(log), Duration.ofMinutes(5));
    assertThat(npm.exitCode()).as("%s:%n%s", command, npm.output()).isZero();
  }

  private static byte[] bytes(int n) {
    byte[] bytes = new byte[n];
    new SecureRandom().nextBytes(bytes);
    return bytes;
  }
}
