package io.warden.adapter.driving.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import io.warden.adapter.driving.http.ApiClient.Reply;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * An administrator of acme aiming at globex's roles and people: every attempt is a 404 (never a
 * 403, which would say the id exists), and nothing of either tenant changes.
 */
@ServerTest
class OtherTenantTest extends ApiTest {
  private static final TestWorld WORLD = new TestWorld();

  OtherTenantTest(URI uri) {
    super(uri, WORLD);
  }

  @SetUpRoute
  static void routing(HttpRouting.Builder routing) {
    WardenHttp.routing(routing, WORLD.useCases());
  }

  record Attempt(String name, String method, String path, String body) {
    @Override
    public String toString() {
      return name;
    }
  }

  static List<Attempt> attempts() {
    String foreignRole = "/api/roles/" + WORLD.globexAdminRole.id();
    String ownRole = "/api/roles/" + WORLD.acmeViewer.id();
    return List.of(
        new Attempt("read a foreign role", "GET", foreignRole, null),
        new Attempt("rename a foreign role", "PUT", foreignRole, "{\"name\":\"pwned\"}"),
        new Attempt("delete a foreign role", "DELETE", foreignRole, null),
        new Attempt(
            "grant on a foreign role", "POST", foreignRole + "/permissions/roles.view", null),
        new Attempt(
            "revoke on a foreign role", "DELETE", foreignRole + "/permissions/roles.view", null),
        new Attempt(
            "assign a foreign role to an own member",
            "POST",
            foreignRole + "/users/" + WORLD.acmeMember.id(),
            null),
        new Attempt(
            "unassign a foreign role",
            "DELETE",
            foreignRole + "/users/" + WORLD.globexAdmin.id(),
            null),
        new Attempt(
            "assign an own role to a foreign user",
            "POST",
            ownRole + "/users/" + WORLD.globexAdmin.id(),
            "{}"),
        new Attempt(
            "remove a foreign member", "DELETE", "/api/members/" + WORLD.globexAdmin.id(), null),
        new Attempt(
            "warm a foreign tenant's cache",
            "POST",
            "/api/performance/cache/warm/" + WORLD.globex.id(),
            null),
        new Attempt(
            "flush a foreign tenant's cache",
            "DELETE",
            "/api/performance/cache/tenant/" + WORLD.globex.id(),
            null),
        new Attempt(
            "read a role that does not exist", "GET", "/api/roles/" + UUID.randomUUID(), null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("attempts")
  void is_not_found_and_changes_nothing(Attempt attempt) {
    String before = WORLD.snapshot(api);

    Reply reply = api.json(attempt.method(), attempt.path(), WORLD.acmeAdminToken, attempt.body());

    Problems.assertProblem(reply, 404);
    assertThat(WORLD.snapshot(api)).isEqualTo(before);
  }

  @Test
  void the_foreign_role_is_real_for_its_own_tenant() {
    // The 404s above are isolation, not a wrong id: globex's administrator reads the same role.
    Reply reply = api.get("/api/roles/" + WORLD.globexAdminRole.id(), WORLD.globexAdminToken);

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.object().getString("name")).isEqualTo("admin");
  }
}
