package io.warden.adapter.driving.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import java.net.URI;
import org.junit.jupiter.api.Test;

/** The management routing serves the operations endpoints and nothing else. */
@ServerTest
class ManagementPortTest extends ApiTest {
  private static final TestWorld WORLD = new TestWorld();
  private static final HttpOptions SPLIT = HttpOptions.defaults().withManagementPort(true);

  ManagementPortTest(URI uri) {
    super(uri, WORLD);
  }

  @SetUpRoute
  static void routing(HttpRouting.Builder routing) {
    WardenHttp.managementRouting(routing, WORLD.useCases(), SPLIT);
  }

  @Test
  void serves_the_operations_endpoints_and_nothing_else() {
    assertThat(api.get("/metrics", null).status()).isEqualTo(200);
    assertThat(api.get("/health", null).status()).isEqualTo(200);
    assertThat(api.get("/health/cache", null).status()).isEqualTo(200);
    // Only operators reach this port: the details need no token here.
    assertThat(api.get("/health", null).object().getJsonObject("checks").toString())
        .contains("detail");
    assertThat(api.get("/ping", null).body()).isEqualTo("pong");
    assertProblem(api.get("/api/performance/stats", WORLD.rootToken), 404);
    assertProblem(api.get("/dashboard", null), 404);
    assertProblem(api.json("POST", "/api/auth/login", null, "{}"), 404);
  }
}
