package io.warden.bootstrap.e2e;

import static io.warden.bootstrap.e2e.WardenApi.assertProblem;
import static io.warden.bootstrap.e2e.WardenApi.expect;
import static org.assertj.core.api.Assertions.assertThat;

import io.warden.bootstrap.e2e.WardenApi.Account;
import io.warden.bootstrap.testing.WardenClient;
import io.warden.bootstrap.testing.WardenClient.Response;
import io.warden.bootstrap.testing.WardenInstance;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The rate limits over HTTP on one instance (shared through Redis): every {@code /api/**} answer
 * carries the three headers, whatever its status; a refusal is a 429 problem with {@code
 * Retry-After} and the handler never runs; a login is refused before its password is looked at; the
 * client address comes from {@code X-Forwarded-For} only through a trusted proxy; {@code 0}
 * disables a class.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RateLimitTest {
  private static final int API = 40;
  private static final int CHECK = 30;
  private static final int AUTH = 5;

  private WardenInstance warden;
  private WardenClient client;
  private WardenApi api;
  private String tenant;

  @BeforeAll
  void start() {
    warden =
        WardenInstance.start(
            WardenInstance.Shared.fresh(),
            Map.of(
                "WARDEN_RATE_API_PER_MINUTE",
                Integer.toString(API),
                "WARDEN_RATE_CHECK_PER_MINUTE",
                Integer.toString(CHECK),
                "WARDEN_RATE_AUTH_PER_15_MINUTES",
                Integer.toString(AUTH),
                "WARDEN_RATE_UPLOAD_PER_MINUTE",
                "0",
                // A take timing out on this loaded machine would count as Redis being away (the
                // instance then counts in memory besides Redis): not what these tests are about.
                "WARDEN_REDIS_TIMEOUT_MS",
                "2000",
                "WARDEN_TRUSTED_PROXIES",
                "10.9.0.0/16, 127.0.0.1"));
    client = warden.client();
    api = new WardenApi(client);
    tenant = api.createTenant("rl").getString("id");
  }

  @AfterAll
  void stop() {
    if (warden != null) {
      warden.close();
    }
  }

  @Test
  void every_api_answer_carries_the_headers_and_the_limit_ends_in_a_429_problem() {
    String token = api.token(api.member(tenant, "headers"));
    List<Response> answers =
        List.of(
            client.get("/api/me", token),
            client.get("/api/roles", token), // 403: no roles.view
            client.get("/api/nothing-here", token), // 404
            client.post("/api/roles", token, "{not json"), // 400
            client.get("/api/me", "invalid.token.here")); // 401, keyed by address
    for (Response answer : answers) {
      assertThat(answer.header("RateLimit-Limit")).as("%s", answer).hasValue(Integer.toString(API));
      assertThat(answer.header("RateLimit-Remaining")).as("%s", answer).isPresent();
      assertThat(Long.parseLong(answer.header("RateLimit-Reset").orElseThrow()))
          .as("%s", answer)
          .isBetween(1L, 60L);
    }
    assertThat(answers.get(3).header("RateLimit-Remaining")).hasValue(Integer.toString(API - 4));

    int allowed = 4;
    Response last;
    do {
      last = client.get("/api/me", token);
      if (last.status() == 200) {
        allowed++;
      }
    } while (last.status() == 200 && allowed < 10 * API);
    assertThat(allowed).isEqualTo(API);
    assertProblem(last, 429);
    assertThat(last.header("RateLimit-Remaining")).hasValue("0");
    long retryAfter = Long.parseLong(last.header("Retry-After").orElseThrow());
    assertThat(retryAfter).isBetween(1L, 60L);
    assertThat(last.header("RateLimit-Reset")).hasValue(Long.toString(retryAfter));
    // Refused before the handler: a change is not made either.
    Response refusedChange =
        client.post("/api/roles", token, "{\"name\":\"x\",\"permissions\":[]}");
    assertProblem(refusedChange, 429);
  }

  @Test
  void checks_spend_their_own_class_not_the_api_class() {
    Account user = api.member(tenant, "checker");
    String token = api.token(user);
    int allowed = 0;
    for (int i = 0; i < CHECK + 5; i++) {
      Response answer = client.post("/api/authz/check", token, "{\"permission\":\"users.view\"}");
      assertThat(answer.header("RateLimit-Limit")).hasValue(Integer.toString(CHECK));
      if (answer.status() == 200) {
        allowed++;
      } else {
        assertProblem(answer, 429);
      }
    }
    assertThat(allowed).isEqualTo(CHECK);
    // The api class of the same user is untouched.
    Response me = expect(client.get("/api/me", token), 200);
    assertThat(me.header("RateLimit-Remaining")).hasValue(Integer.toString(API - 1));
  }

  @Test
  void a_login_is_refused_before_its_password_is_checked() {
    Account user = api.member(tenant, "login");
    for (int i = 0; i < AUTH; i++) {
      Response wrong = client.login(user.email(), "wrong-password-" + i);
      assertThat(wrong.status()).isEqualTo(401);
      assertThat(wrong.header("RateLimit-Limit")).hasValue(Integer.toString(AUTH));
    }
    // The right password now: refused all the same, so no password was verified.
    Response refused = client.login(user.email(), user.password());
    assertProblem(refused, 429);
    assertThat(Long.parseLong(refused.header("Retry-After").orElseThrow())).isBetween(1L, 900L);
    // The key is address + e-mail (case-insensitive): another e-mail from the same address logs in.
    assertThat(client.login(user.email().toUpperCase(), user.password()).status()).isEqualTo(429);
    Account other = api.member(tenant, "login-other");
    assertThat(client.login(other.email(), other.password()).status()).isEqualTo(200);
  }

  @Test
  void forwarded_addresses_count_only_through_a_trusted_proxy() throws Exception {
    // The test's peer, 127.0.0.1, is a trusted proxy: each forwarded client has its own quota.
    Account user = api.member(tenant, "proxied");
    for (int i = 0; i < AUTH; i++) {
      assertThat(login(user, "198.51.100.7").statusCode()).isEqualTo(401);
    }
    assertThat(login(user, "198.51.100.7").statusCode()).isEqualTo(429);
    assertThat(login(user, "198.51.100.8").statusCode()).isEqualTo(401);
    // A spoofed entry left of the real client changes nothing: the right-most untrusted counts.
    assertThat(login(user, "203.0.113.9, 198.51.100.7").statusCode()).isEqualTo(429);
    // Trusted hops right of it are skipped.
    assertThat(login(user, "198.51.100.7, 10.9.3.4").statusCode()).isEqualTo(429);
  }

  private HttpResponse<String> login(Account user, String forwardedFor) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create(client.baseUrl() + "/api/auth/login"))
                .header("Content-Type", "application/json")
                .header("X-Forwarded-For", forwardedFor)
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        WardenApi.json("email", user.email(), "password", "not-it-at-all")))
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void metrics_count_the_refusals_of_each_class_and_time_every_decision() {
    Map<String, Long> before = refusalMetrics();
    String token = api.token(api.member(tenant, "metered"));
    int checkRefusals = 0;
    for (int i = 0; i < CHECK + 3; i++) {
      Response answer = client.post("/api/authz/check", token, "{\"permission\":\"users.view\"}");
      checkRefusals += answer.status() == 429 ? 1 : 0;
    }
    int apiRefusals = 0;
    for (int i = 0; i < API + 2; i++) {
      apiRefusals += client.get("/api/me", token).status() == 429 ? 1 : 0;
    }
    assertThat(checkRefusals).isEqualTo(3);
    assertThat(apiRefusals).isEqualTo(2);

    Map<String, Long> after = refusalMetrics();
    assertThat(after.get("check") - before.getOrDefault("check", 0L)).isEqualTo(checkRefusals);
    assertThat(after.get("api") - before.getOrDefault("api", 0L)).isEqualTo(apiRefusals);
    // Every class has its series from the start, at 0 until its first refusal (a rate over a
    // series that appears with its first increment would miss that increment).
    assertThat(before).containsKeys("auth", "api", "check", "mfa", "upload");
    assertThat(after.get("upload")).isZero();
    String metrics = expect(client.get("/metrics", null), 200).body();
    assertThat(metrics)
        .contains("warden_operation_duration_seconds_count{operation=\"rate limit\"}");
    // The statistics read the same counters.
    JsonObject stats = expect(client.get("/api/performance/stats", api.adminToken()), 200).json();
    assertThat(stats.getJsonObject("rateLimitRefusals").getJsonNumber("check").longValue())
        .isEqualTo(after.get("check"));
  }

  /** {@code warden_rate_limit_refusals_total} of {@code /metrics}, by class. */
  private Map<String, Long> refusalMetrics() {
    Map<String, Long> counts = new HashMap<>();
    Matcher line =
        Pattern.compile("(?m)^warden_rate_limit_refusals_total\\{class=\"(\\w+)\"} (\\S+)$")
            .matcher(expect(client.get("/metrics", null), 200).body());
    while (line.find()) {
      counts.put(line.group(1), (long) Double.parseDouble(line.group(2)));
    }
    return counts;
  }

  @Test
  void answers_outside_the_api_carry_no_rate_limit_headers() {
    Response ping = expect(client.get("/ping", null), 200);
    assertThat(ping.header("RateLimit-Limit")).isEmpty();
    Response health = client.get("/health", null);
    assertThat(health.header("RateLimit-Limit")).isEmpty();
    assertThat(health.json().getJsonObject("checks").getJsonObject("ratelimit").getString("status"))
        .isEqualTo("UP");
  }
}
