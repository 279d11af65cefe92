package io.warden.adapter.driving.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import io.warden.adapter.driving.http.ApiClient.Reply;
import io.warden.application.port.driving.HealthUseCase;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The routing as bootstrap builds it with TLS on and another {@link HealthDetailAccess}: every
 * response carries {@code Strict-Transport-Security}, and the health-detail seam decides alone (a
 * management port would allow its own requests; here, requests naming a test header).
 */
@ServerTest
class TlsOptionsTest extends ApiTest {
  private static final TestWorld WORLD = new TestWorld();

  TlsOptionsTest(URI uri) {
    super(uri, WORLD);
  }

  @SetUpRoute
  static void routing(HttpRouting.Builder routing) {
    WardenHttp.routing(
        routing,
        WORLD.useCases(),
        new HttpOptions(
            true,
            (request, callerMayView) ->
                request.headers().contains(HeaderNames.create("X-Test-Management"))
                    || callerMayView.getAsBoolean()));
  }

  @Test
  void with_tls_every_response_asks_for_https_from_now_on() {
    for (Reply reply :
        List.of(
            api.get("/ping", null),
            api.get("/health", null),
            api.get("/api/me", null),
            api.get("/api/me", WORLD.acmeAdminToken),
            api.get("/nope", null))) {
      assertThat(reply.header("Strict-Transport-Security"))
          .as("%s", reply)
          .contains("max-age=31536000");
      assertThat(reply.header("X-Content-Type-Options")).contains("nosniff");
    }
  }

  @Test
  void the_health_detail_seam_alone_decides_who_sees_details() {
    WORLD.warden.databaseProbe().set(HealthUseCase.Status.UP, "pool 1 busy");

    Reply anonymous = api.get("/health", null);
    Reply management = api.send(api.to("/health").header("X-Test-Management", "yes").GET().build());
    Reply root = api.get("/health", WORLD.rootToken);

    assertThat(anonymous.body()).doesNotContain("pool");
    assertThat(management.body()).contains("pool 1 busy");
    assertThat(root.body()).contains("pool 1 busy");
  }
}
