package io.warden.bootstrap.e2e;

import static io.warden.bootstrap.e2e.WardenApi.assertProblem;
import static io.warden.bootstrap.e2e.WardenApi.expect;
import static io.warden.bootstrap.e2e.WardenApi.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.warden.bootstrap.e2e.WardenApi.Account;
import io.warden.bootstrap.testing.WardenClient.Response;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A login flood against the real server with real Argon2id: password hashing sits behind a gate of
 * one permit and no queue, so concurrent logins beyond it are answered 503 problem+json with {@code
 * Retry-After} — never a 500 — while permission checks keep being answered, and the instance logs
 * in normally once the flood is over.
 */
class LoginFloodTest extends OneWardenTest {
  private static final int CONCURRENT = 24;

  private static final HttpClient FLOOD =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(30))
          .build();

  private Account member;
  private String memberToken;

  @Override
  Map<String, String> settings() {
    Map<String, String> env = new HashMap<>(super.settings());
    env.put("WARDEN_LOGIN_HASH_PERMITS", "1");
    env.put("WARDEN_LOGIN_HASH_QUEUE", "0");
    env.put("WARDEN_LOGIN_HASH_MAX_WAIT_MS", "0");
    // Every login reads its user first: enough connections that none waits for the pool, so any
    // 503 here is the gate's.
    env.put("WARDEN_DB_POOL_SIZE", "32");
    return env;
  }

  @BeforeAll
  void start() {
    String tenant = api.createTenant("flood").getString("id");
    member = api.member(tenant, "flooded");
    memberToken = api.token(member);
  }

  /** One login on a connection of its own (HTTP/1.1, no upgrade attempt), with its status. */
  private Login login(String email, String password) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(client.baseUrl() + "/api/auth/login"))
            .timeout(Duration.ofSeconds(120))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json("email", email, "password", password)))
            .build();
    HttpResponse<String> response = FLOOD.send(request, HttpResponse.BodyHandlers.ofString());
    return new Login(
        response.statusCode(),
        response.headers().firstValue("Content-Type").orElse(""),
        response.headers().firstValue("Retry-After"),
        response.body());
  }

  private record Login(int status, String contentType, Optional<String> retryAfter, String body) {}

  @Test
  void concurrent_logins_beyond_the_gate_get_503_with_retry_after_and_never_a_500()
      throws Exception {
    Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
    List<Login> refusals = new ArrayList<>();
    List<Response> checksDuringFlood = new ArrayList<>();
    try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
      // Rounds until the gate has visibly refused someone; with one permit and 48 logins released
      // together, the first round practically always does.
      for (int round = 0; round < 20 && refusals.isEmpty(); round++) {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Login>> logins = new ArrayList<>();
        for (int i = 0; i < CONCURRENT; i++) {
          boolean right = i % 4 == 0;
          String email = right ? member.email() : "nobody-" + round + "-" + i + "@flood.test";
          String password = right ? member.password() : "wrong-password-" + i;
          logins.add(
              threads.submit(
                  () -> {
                    go.await();
                    return login(email, password);
                  }));
        }
        Future<Response> check =
            threads.submit(
                () -> {
                  go.await();
                  return client.post(
                      "/api/authz/check", memberToken, json("permission", "users.view"));
                });
        go.countDown();
        for (Future<Login> login : logins) {
          Login answer = login.get(180, TimeUnit.SECONDS);
          statuses.merge(answer.status(), 1, Integer::sum);
          if (answer.status() == 503) {
            refusals.add(answer);
          }
        }
        checksDuringFlood.add(check.get(120, TimeUnit.SECONDS));
      }
    }

    assertThat(statuses.keySet()).as("statuses %s", statuses).isSubsetOf(200, 401, 503);
    assertThat(refusals).as("statuses %s", statuses).isNotEmpty();
    for (Login refusal : refusals) {
      assertThat(refusal.contentType()).startsWith("application/problem+json");
      assertThat(refusal.body()).contains("\"status\":503").contains("try again shortly");
      WardenApi.assertRevealsNoInternals(refusal.body());
      assertThat(refusal.retryAfter())
          .hasValueSatisfying(seconds -> assertThat(Integer.parseInt(seconds)).isPositive());
    }
    // The checks never went through the gate: answered, and answered right.
    assertThat(checksDuringFlood)
        .allSatisfy(
            answer -> assertThat(expect(answer, 200).json().getBoolean("allowed")).isFalse());
    // The flood is over: a login goes through as usual.
    expect(client.login(member.email(), member.password()), 200);
    assertProblem(client.login(member.email(), "not-the-password"), 401);
  }
}
