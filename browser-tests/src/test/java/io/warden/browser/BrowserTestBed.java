package io.warden.browser;

import io.warden.adapter.driven.postgres.testing.TestPostgres;
import io.warden.adapter.driven.redis.testing.TestRedis;
import io.warden.testing.LaunchedWarden;
import io.warden.testing.Tools;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What each browser test stands on: Debian's Chromium, Node.js with this module's packages ({@code
 * npm ci} from the committed lock file), bootstrap's packaged Warden on a fresh PostgreSQL database
 * and Redis, and the test's own script {@code src/test/js/<name>.test.mjs}. npm's, Warden's and
 * Node's output go to {@code target/} under the test's name.
 */
final class BrowserTestBed {
  private final Path module = Path.of(System.getProperty("warden.browserTests.dir", "."));
  private final Path target =
      Path.of(
          System.getProperty("warden.browserTests.output", module.resolve("target").toString()));
  private final Path wardenHome = LaunchedWarden.home(module.resolve("../bootstrap/target"));
  private final String name;
  private final Path chromium;

  private BrowserTestBed(String name) throws IOException, InterruptedException {
    this.name = name;
    this.chromium = Tools.chromium();
    Tools.requireNode(module);
    Tools.npmCi(module, target.resolve("npm-ci-" + name + ".log"));
  }

  /**
   * The bed of the test {@code name}: skips the test (or, with {@code CI=true}, fails it) when
   * Chromium or Node.js is missing, and installs the module's packages.
   */
  static BrowserTestBed prepare(String name) throws IOException, InterruptedException {
    return new BrowserTestBed(name);
  }

  /** Where the test's output goes ({@code target/}). */
  Path target() {
    return target;
  }

  /** A launched Warden's configuration with {@code adminEmail}, a fresh database and Redis. */
  LaunchedWarden.Environment environment(String adminEmail) {
    TestPostgres.Database database = TestPostgres.freshDatabase();
    return LaunchedWarden.environment(adminEmail)
        .database(database.jdbcUrl(), database.user(), database.password())
        .redis(TestRedis.uri(), TestRedis.uniquePrefix());
  }

  /** Starts the packaged Warden with {@code environment}, its log in target/warden-name.log. */
  LaunchedWarden start(LaunchedWarden.Environment environment) {
    return LaunchedWarden.start(wardenHome, environment, target.resolve("warden-" + name + ".log"));
  }

  /**
   * Runs the test's script in Chromium against {@code warden} ({@code WARDEN_CHROMIUM} and {@code
   * variables} added to what {@link LaunchedWarden#nodeTest} sets), failing unless it passes.
   */
  Tools.Result nodeTest(LaunchedWarden warden, Map<String, String> variables, Duration timeout)
      throws IOException, InterruptedException {
    Map<String, String> node = new HashMap<>(variables);
    node.put("WARDEN_CHROMIUM", chromium.toString());
    return warden.nodeTest(
        module,
        List.of("src/test/js/" + name + ".test.mjs"),
        node,
        target.resolve("node-test-" + name + ".log"),
        timeout);
  }
}
