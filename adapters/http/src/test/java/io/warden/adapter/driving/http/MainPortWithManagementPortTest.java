package io.warden.adapter.driving.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import java.net.URI;
import org.junit.jupiter.api.Test;

/** With a management port, the main routing no longer serves the operations endpoints. */
@ServerTest
class MainPortWithManagementPortTest extends ApiTest {
  private static final TestWorld WORLD = new TestWorld();
  private static final HttpOptions SPLIT = HttpOptions.defaults().withManagementPort(true);

  MainPortWithManagementPortTest(URI uri) {
    super(uri, WORLD);
  }

  @SetUpRoute
  static void routing(HttpRouting.Builder routing) {
    WardenHttp.routing(routing, WORLD.useCases(), SPLIT);
  }

  @Test
  void serves_the_api_but_not_the_operations_endpoints() {
    for (String path : new String[] {"/metrics", "/health", "/health/cache", "/ping"}) {
      assertProblem(api.get(path, null), 404);
    }
    assertThat(api.get("/api/performance/stats", WORLD.rootToken).status()).isEqualTo(200);
    assertThat(api.get("/openapi", null).status()).isEqualTo(200);
    assertThat(api.get("/dashboard", null).status()).isEqualTo(200);
  }
}
