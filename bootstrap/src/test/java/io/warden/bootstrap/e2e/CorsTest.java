package io.warden.bootstrap.e2e;

import static io.warden.bootstrap.e2e.WardenApi.assertProblem;
import static io.warden.bootstrap.e2e.WardenApi.expect;
import static org.assertj.core.api.Assertions.assertThat;

import io.warden.bootstrap.e2e.WardenApi.Account;
import io.warden.bootstrap.testing.WardenClient;
import io.warden.bootstrap.testing.WardenClient.Response;
import io.warden.bootstrap.testing.WardenInstance;
import java.net.http.HttpHeaders;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * CORS over HTTP (issue #14): preflights and actual requests from a listed origin, from an unlisted
 * one, and against an instance without {@code WARDEN_CORS_ORIGINS}. A browser reads an answer only
 * when it names the page's origin; these tests look at exactly those headers.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CorsTest {
  private static final String APP = "https://app.example.test";
  private static final String LOCAL = "http://localhost:5173";
  private static final String EVIL = "https://evil.example.test";

  private WardenInstance.Shared shared;
  private WardenInstance cors;
  private WardenInstance plain;
  private WardenApi api;
  private String tenant;
  private String admin;

  @BeforeAll
  void start() {
    shared = WardenInstance.Shared.fresh();
    Map<String, String> env = new HashMap<>(WardenApi.GENEROUS_LIMITS);
    env.put("WARDEN_CORS_ORIGINS", APP + ", " + LOCAL);
    env.put("WARDEN_CORS_MAX_AGE_SECONDS", "900");
    env.put("WARDEN_RATE_CHECK_PER_MINUTE", "2");
    cors = WardenInstance.start(shared, env);
    plain = WardenInstance.start(shared, WardenApi.GENEROUS_LIMITS);
    api = new WardenApi(cors.client());
    tenant = api.createTenant("cors").getString("id");
    admin = api.token(api.member(tenant, "admin", "admin"));
  }

  @AfterAll
  void stop() {
    for (WardenInstance instance : new WardenInstance[] {plain, cors}) {
      if (instance != null) {
        instance.close();
      }
    }
  }

  private static Response preflight(
      WardenClient on, String path, String origin, String method, String headers) {
    Map<String, String> sent = new HashMap<>();
    sent.put("Origin", origin);
    sent.put("Access-Control-Request-Method", method);
    if (headers != null) {
      sent.put("Access-Control-Request-Headers", headers);
    }
    return on.send("OPTIONS", path, null, null, sent);
  }

  private static void assertNoCorsHeaders(Response answer) {
    HttpHeaders headers = answer.raw().headers();
    assertThat(headers.map().keySet())
        .as("CORS headers of %s", answer)
        .noneMatch(name -> name.toLowerCase().startsWith("access-control-"));
  }

  /** A preflight refused: a 403 problem, and no CORS header to let the page read it. */
  private static void assertRefusedWithoutCorsHeaders(Response preflight) {
    assertProblem(preflight, 403);
    assertNoCorsHeaders(preflight);
  }

  @Test
  void a_listed_origins_preflight_is_answered_for_the_contracts_methods_and_headers() {
    Response answer =
        preflight(
            cors.client(),
            "/api/authz/check",
            APP,
            "POST",
            "authorization, content-type, warden-min-revision, x-request-id");

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.header("Access-Control-Allow-Origin")).contains(APP);
    assertThat(answer.header("Access-Control-Allow-Methods")).contains("POST");
    assertThat(answer.header("Access-Control-Allow-Headers").orElseThrow().toLowerCase())
        .contains("authorization", "content-type", "warden-min-revision", "x-request-id");
    assertThat(answer.header("Access-Control-Max-Age")).contains("900");
    assertThat(answer.header("Access-Control-Allow-Credentials"))
        .as("no cookies: no credentials mode")
        .isEmpty();
    assertThat(preflight(cors.client(), "/api/roles/x", LOCAL, "DELETE", "authorization").status())
        .isEqualTo(200);
  }

  @Test
  void an_unlisted_origin_gets_no_cors_header_at_all() {
    assertRefusedWithoutCorsHeaders(
        preflight(cors.client(), "/api/authz/check", EVIL, "POST", "authorization, content-type"));

    Response answered = requestFrom(EVIL, cors.client(), "/api/me", admin);
    expect(answered, 200);
    assertNoCorsHeaders(answered);

    for (String lookalike :
        List.of(
            "https://app.example.test.evil.example",
            "http://app.example.test",
            "https://APP.example.test",
            "https://app.example.test:443",
            "null",
            "*")) {
      Response look = preflight(cors.client(), "/api/me", lookalike, "GET", "authorization");
      assertThat(look.status()).as(lookalike).isEqualTo(403);
      assertNoCorsHeaders(look);
    }
  }

  @Test
  void a_preflight_asking_for_more_than_the_contract_is_refused_without_cors_headers() {
    assertRefusedWithoutCorsHeaders(
        preflight(cors.client(), "/api/me", APP, "GET", "authorization, x-forwarded-for"));
    assertRefusedWithoutCorsHeaders(preflight(cors.client(), "/api/me", APP, "TRACE", null));
  }

  @Test
  void a_listed_origins_answers_name_it_and_expose_the_contracts_headers() {
    Response answer = requestFrom(APP, cors.client(), "/api/me", admin);

    expect(answer, 200);
    assertThat(answer.header("Access-Control-Allow-Origin")).contains(APP);
    assertThat(answer.raw().headers().allValues("Vary").toString().toLowerCase())
        .as("field names are case-insensitive")
        .contains("origin");
    assertThat(answer.header("Access-Control-Expose-Headers").orElseThrow().toLowerCase())
        .contains(
            "ratelimit-limit",
            "ratelimit-remaining",
            "ratelimit-reset",
            "retry-after",
            "x-request-id",
            "warden-revision");

    Response unauthenticated = requestFrom(APP, cors.client(), "/api/me", "not-a-token");
    assertProblem(unauthenticated, 401);
    assertThat(unauthenticated.header("Access-Control-Allow-Origin"))
        .as("a page can read why it was refused")
        .contains(APP);
  }

  @Test
  void a_rate_limited_answer_is_readable_by_the_page_retry_after_included() {
    Account member = api.member(tenant, "limited");
    String token = api.token(member);
    Response last = null;
    for (int i = 0; i < 3; i++) {
      last =
          cors.client()
              .send(
                  "POST",
                  "/api/authz/check",
                  token,
                  WardenApi.json("permission", "reports.read"),
                  Map.of("Origin", APP));
    }
    assertProblem(last, 429);
    assertThat(last.header("Access-Control-Allow-Origin")).contains(APP);
    assertThat(last.header("Retry-After")).isPresent();
  }

  @Test
  void without_configured_origins_there_is_no_cors_at_all() {
    Response refused = preflight(plain.client(), "/api/me", APP, "GET", "authorization");
    assertThat(refused.status()).isBetween(400, 499);
    assertThat(refused.contentType()).startsWith("application/problem+json");
    assertNoCorsHeaders(refused);
    Response answered = requestFrom(APP, plain.client(), "/api/me", admin);
    expect(answered, 200);
    assertNoCorsHeaders(answered);
  }

  private static Response requestFrom(String origin, WardenClient on, String path, String token) {
    return on.send("GET", path, token, null, Map.of("Origin", origin));
  }
}
