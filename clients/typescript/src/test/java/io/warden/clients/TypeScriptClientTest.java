package io.warden.clients;

import static org.assertj.core.api.Assertions.assertThat;

import io.warden.adapter.driven.postgres.testing.TestPostgres;
import io.warden.adapter.driven.redis.testing.TestRedis;
import io.warden.testing.LaunchedWarden;
import io.warden.testing.Tools;
import java.nio.file.Path;
import java.time.Duration;
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
  private final Path wardenHome = LaunchedWarden.home(module.resolve("../../bootstrap/target"));

  @Test
  void the_client_builds_from_the_openapi_document_and_passes_its_tests_against_warden()
      throws Exception {
    Tools.requireNode(module);
    TestPostgres.Database database = TestPostgres.freshDatabase();

    Tools.npmCi(module, target.resolve("npm-ci.log"));
    Tools.npm(module, List.of("run", "build"), target.resolve("npm-build.log"));
    // The example app bundles the built client: its committed copy must be this build.
    Tools.npm(module, List.of("run", "spa:check"), target.resolve("npm-spa-check.log"));

    LaunchedWarden.Environment env =
        LaunchedWarden.environment("operator@client.warden.test")
            .database(database.jdbcUrl(), database.user(), database.password())
            .redis(TestRedis.uri(), TestRedis.uniquePrefix())
            // The tests log in more often than a person would.
            .with("WARDEN_RATE_AUTH_PER_15_MINUTES", "100000");

    try (LaunchedWarden warden =
        LaunchedWarden.start(wardenHome, env, target.resolve("warden.log"))) {
      Tools.Result node =
          warden.nodeTest(
              module,
              List.of("test/unit.test.mjs", "test/live.test.mjs"),
              Map.of(),
              target.resolve("node-test.log"),
              Duration.ofMinutes(10));
      assertThat(node.output()).contains("ℹ skipped 0");
    }
  }
}
