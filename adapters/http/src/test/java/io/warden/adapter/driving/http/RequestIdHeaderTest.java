package io.warden.adapter.driving.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import io.warden.adapter.driving.http.ApiClient.Reply;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code X-Request-Id} through the production routing: a sane id comes back, anything else is
 * replaced by a fresh one, and answers of every kind (success, 401, 404) carry one.
 */
@ServerTest
class RequestIdHeaderTest extends ApiTest {
  private static final TestWorld WORLD = new TestWorld();
  private static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

  RequestIdHeaderTest(URI uri) {
    super(uri, WORLD);
  }

  @SetUpRoute
  static void routing(HttpRouting.Builder routing) {
    WardenHttp.routing(routing, WORLD.useCases());
  }

  private Reply get(String path, String... requestIds) {
    HttpRequest.Builder request =
        api.to(path).header("Authorization", "Bearer " + WORLD.acmeAdminToken).GET();
    for (String id : requestIds) {
      request.header("X-Request-Id", id);
    }
    return api.send(request.build());
  }

  @Test
  void a_sane_id_is_echoed() {
    Reply reply = get("/api/auth/tenants", "trace-42.a:b_c");
    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.header("X-Request-Id")).contains("trace-42.a:b_c");
  }

  @Test
  void anything_else_is_replaced_and_never_echoed() {
    for (String bad : List.of("x".repeat(129), "has space", "<script>", "a\"b", "ü", "a;b")) {
      Reply reply = get("/api/auth/tenants", bad);
      assertThat(reply.header("X-Request-Id"))
          .as("for %s", bad)
          .hasValueSatisfying(id -> assertThat(id).isNotEqualTo(bad).matches(UUID));
    }
    assertThat(get("/api/auth/tenants", "one", "two").header("X-Request-Id"))
        .hasValueSatisfying(id -> assertThat(id).matches(UUID));
  }

  @Test
  void errors_carry_one_too_and_generated_ids_differ() {
    Reply unauthorized = api.get("/api/me", null);
    Reply unknown = api.get("/no/such/path", null);
    assertThat(unauthorized.status()).isEqualTo(401);
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unauthorized.header("X-Request-Id"))
        .hasValueSatisfying(id -> assertThat(id).matches(UUID));
    assertThat(unknown.header("X-Request-Id"))
        .hasValueSatisfying(id -> assertThat(id).matches(UUID));
    assertThat(unauthorized.header("X-Request-Id")).isNotEqualTo(unknown.header("X-Request-Id"));
  }
}
