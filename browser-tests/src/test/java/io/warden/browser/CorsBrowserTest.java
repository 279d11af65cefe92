package io.warden.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.warden.adapter.driven.postgres.testing.TestPostgres;
import io.warden.adapter.driven.redis.testing.TestRedis;
import io.warden.testing.LaunchedWarden;
import io.warden.testing.Tools;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue #14's browser test: CORS with real preflights from Debian's Chromium, driven by {@code
 * playwright-core} through Node.js's test runner ({@code src/test/js/cors.test.mjs}). The Node test
 * serves a page on a second origin ({@code http://127.0.0.1:<page port>}, listed in {@code
 * WARDEN_CORS_ORIGINS}; {@code http://localhost:<page port>} is the same page on an unlisted
 * origin), and the page calls Warden, started from bootstrap's packaged launcher, with {@code
 * fetch()} and an {@code Authorization} header.
 */
class CorsBrowserTest {
  private static final Duration NODE_TIMEOUT = Duration.ofMinutes(10);

  private final Path module = Path.of(System.getProperty("warden.browserTests.dir", "."));
  private final Path target =
      Path.of(
          System.getProperty("warden.browserTests.output", module.resolve("target").toString()));
  private final Path wardenHome = LaunchedWarden.home(module.resolve("../bootstrap/target"));

  @Test
  void a_page_on_a_listed_origin_calls_warden_and_an_unlisted_one_cannot() throws Exception {
    Path chromium = Tools.chromium();
    Tools.requireNode(module);
    TestPostgres.Database database = TestPostgres.freshDatabase();
    Tools.npmCi(module, target.resolve("npm-ci-cors.log"));

    int pagePort = freePort();
    LaunchedWarden.Environment env =
        LaunchedWarden.environment("operator@cors.warden.test")
            .database(database.jdbcUrl(), database.user(), database.password())
            .redis(TestRedis.uri(), TestRedis.uniquePrefix())
            .with("WARDEN_CACHE_WARM_MAX_TENANT_SIZE", "0")
            .with("WARDEN_CORS_ORIGINS", "http://127.0.0.1:" + pagePort)
            .with("WARDEN_ACCESS_LOG", "true");

    Tools.Result node;
    try (LaunchedWarden warden =
        LaunchedWarden.start(wardenHome, env, target.resolve("warden-cors.log"))) {
      node =
          Tools.nodeTest(
              module,
              List.of("src/test/js/cors.test.mjs"),
              Map.of(
                  "WARDEN_URL", warden.baseUrl(),
                  "WARDEN_ADMIN_EMAIL", env.adminEmail(),
                  "WARDEN_ADMIN_PASSWORD", env.adminPassword(),
                  "WARDEN_PAGE_PORT", Integer.toString(pagePort),
                  "WARDEN_CHROMIUM", chromium.toString()),
              target.resolve("node-test-cors.log"),
              NODE_TIMEOUT);
      assertThat(node.exitCode())
          .as("node --test failed:\n%s%nWarden's log:%n%s", node.output(), warden.log())
          .isZero();
      assertThat(warden.log())
          .as("Chromium sent its preflight to Warden")
          .contains("OPTIONS /api/admin/permissions");
    }
    assertThat(node.output()).contains("ℹ fail 0").doesNotContain("ℹ pass 0");
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
