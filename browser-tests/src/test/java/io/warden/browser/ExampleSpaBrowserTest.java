package io.warden.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.warden.adapter.driven.postgres.testing.TestPostgres;
import io.warden.adapter.driven.redis.testing.TestRedis;
import io.warden.testing.LaunchedWarden;
import io.warden.testing.Tools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
  private final Path wardenHome = LaunchedWarden.home(module.resolve("../bootstrap/target"));

  @Test
  void the_example_app_hides_a_button_live_when_the_admin_revokes_its_role() throws Exception {
    Path chromium = Tools.chromium();
    Tools.requireNode(module);
    TestPostgres.Database database = TestPostgres.freshDatabase();
    Tools.npmCi(module, target.resolve("npm-ci-spa.log"));

    LaunchedWarden.Environment env =
        LaunchedWarden.environment("operator@spa.warden.test")
            .database(database.jdbcUrl(), database.user(), database.password())
            .redis(TestRedis.uri(), TestRedis.uniquePrefix());

    Path delay = target.resolve("spa-revoke-delay.json");
    Files.deleteIfExists(delay);
    Tools.Result node;
    try (LaunchedWarden warden =
        LaunchedWarden.start(wardenHome, env, target.resolve("warden-spa.log"))) {
      node =
          Tools.nodeTest(
              module,
              List.of("src/test/js/spa.test.mjs"),
              Map.of(
                  "WARDEN_URL", warden.baseUrl(),
                  "WARDEN_ADMIN_EMAIL", env.adminEmail(),
                  "WARDEN_ADMIN_PASSWORD", env.adminPassword(),
                  "WARDEN_CHROMIUM", chromium.toString(),
                  "WARDEN_SPA_DELAY_FILE", delay.toString()),
              target.resolve("node-test-spa.log"),
              Duration.ofMinutes(10));
      assertThat(node.exitCode())
          .as(
              "node --test failed:\n%s%nWarden's log (tail):%n%s",
              node.output(), warden.logTail(6000))
          .isZero();
    }
    assertThat(node.output()).contains("ℹ fail 0").doesNotContain("ℹ pass 0");
    assertThat(Files.readString(delay)).contains("\"delayMs\":");
  }
}
