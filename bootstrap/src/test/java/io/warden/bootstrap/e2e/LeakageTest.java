package io.warden.bootstrap.e2e;

import static io.warden.bootstrap.e2e.WardenApi.assertProblem;
import static io.warden.bootstrap.e2e.WardenApi.expect;
import static io.warden.bootstrap.e2e.WardenApi.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.warden.bootstrap.e2e.WardenApi.Account;
import io.warden.bootstrap.testing.WardenClient.Response;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What an outsider learns, over HTTP against the real server: {@code /health} says each check's
 * status and nothing more (no pool numbers, no errors) unless the caller is a system administrator
 * or holds {@code metrics.view}; a revoked token is answered exactly as an invalid one; every
 * answer says {@code nosniff}, API answers are never stored, and plain HTTP sends no HSTS.
 */
class LeakageTest extends OneWardenTest {
  private String tenant;

  @BeforeAll
  void start() {
    tenant = api.createTenant("leak").getString("id");
  }

  @Test
  void anonymous_health_says_each_status_and_nothing_else() {
    Response anonymous = expect(client.get("/health", null), 200);
    Response plainMember =
        expect(client.get("/health", api.token(api.member(tenant, "plain"))), 200);
    Response badToken = expect(client.get("/health", "not.a.token"), 200);

    for (Response answer : List.of(anonymous, plainMember, badToken)) {
      JsonObject checks = answer.json().getJsonObject("checks");
      assertThat(checks.keySet()).contains("database", "redis", "invalidation");
      assertThat(checks.values())
          .allSatisfy(c -> assertThat(c.asJsonObject().keySet()).containsExactly("status"));
      assertThat(answer.body()).doesNotContain("pool", "idle", "busy", "breaker", "messages");
    }
  }

  @Test
  void health_details_are_shown_to_a_system_administrator_and_a_holder_of_metrics_view() {
    String admin = api.token(api.member(tenant, "admin", "admin"));
    String watchers = api.createRole(admin, api.unique("watchers"), "metrics.view").getString("id");
    Account watcher = api.member(tenant, "watcher");
    api.assign(admin, watchers, watcher.id());

    for (String privileged : List.of(api.adminToken(), api.token(watcher), admin)) {
      JsonObject database =
          expect(client.get("/health", privileged), 200)
              .json()
              .getJsonObject("checks")
              .getJsonObject("database");
      assertThat(database.getString("detail")).contains("pool");
    }
  }

  @Test
  void a_revoked_token_is_answered_exactly_as_an_invalid_one() {
    Account leaver = api.member(tenant, "leaver");
    String loggedOut = api.token(leaver);
    expect(api.postEmpty("/api/auth/logout", loggedOut), 204);
    Account quitter = api.member(tenant, "quitter");
    String allLoggedOut = api.token(quitter);
    expect(api.postEmpty("/api/auth/logout-all", allLoggedOut), 204);
    Account dropped = api.member(tenant, "dropped");
    String ofDeactivated = api.token(dropped);
    expect(
        client.patch("/api/admin/users/" + dropped.id(), api.adminToken(), json("active", false)),
        200);
    String forged = loggedOut.substring(0, loggedOut.lastIndexOf('.') + 1) + "AAAA";

    Response invalid = assertProblemAnd401(client.get("/api/me", forged));
    for (String revoked : List.of(loggedOut, allLoggedOut, ofDeactivated)) {
      Response answer = assertProblemAnd401(client.get("/api/me", revoked));
      assertThat(answer.body()).isEqualTo(invalid.body());
      assertThat(answer.header("WWW-Authenticate")).isEqualTo(invalid.header("WWW-Authenticate"));
    }
  }

  private static Response assertProblemAnd401(Response response) {
    assertProblem(response, 401);
    return response;
  }

  @Test
  void every_answer_says_nosniff_and_api_answers_are_never_stored() {
    String admin = api.adminToken();
    List<Response> answers =
        List.of(
            client.get("/ping", null),
            client.get("/health", null),
            client.get("/openapi", null),
            client.get("/nowhere", null),
            client.get("/api/me", null),
            client.get("/api/admin/permissions", admin),
            client.post(
                "/api/auth/login", null, json("email", "x@y.zz", "password", "wrong-wrong-wrong")));
    for (Response answer : answers) {
      assertThat(answer.header("X-Content-Type-Options")).as("%s", answer).contains("nosniff");
      assertThat(answer.header("Strict-Transport-Security")).as("plain HTTP").isEmpty();
    }
    for (Response answer : answers.subList(4, answers.size())) {
      assertThat(answer.header("Cache-Control")).as("%s", answer).contains("no-store");
    }
    assertThat(JsonValue.ValueType.ARRAY)
        .isEqualTo(
            expect(client.get("/api/admin/permissions", admin), 200).jsonArray().getValueType());
  }
}
