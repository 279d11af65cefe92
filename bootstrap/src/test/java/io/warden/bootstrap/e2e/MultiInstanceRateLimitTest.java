package io.warden.bootstrap.e2e;

import static io.warden.bootstrap.e2e.WardenApi.assertProblem;
import static io.warden.bootstrap.e2e.WardenApi.expect;
import static org.assertj.core.api.Assertions.assertThat;

import io.warden.adapter.driven.redis.testing.Resp;
import io.warden.adapter.driven.redis.testing.TestRedis;
import io.warden.bootstrap.e2e.WardenApi.Account;
import io.warden.bootstrap.testing.WardenClient;
import io.warden.bootstrap.testing.WardenClient.Response;
import io.warden.bootstrap.testing.WardenInstance;
import io.warden.bootstrap.testing.WardenProcess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Three Warden instances, each a JVM of its own, sharing one PostgreSQL database and one Redis: a
 * client sending round-robin over them gets each limit once, within 10% (never more), for the
 * {@code api}, {@code check} and {@code auth} classes; every limiter key in Redis expires.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MultiInstanceRateLimitTest {
  private static final int API = 300;
  private static final int CHECK = 600;
  private static final int AUTH = 30;

  private final List<WardenProcess> instances = new ArrayList<>();
  private WardenInstance.Shared shared;
  private WardenApi api;
  private String tenant;

  @BeforeAll
  void start() {
    shared = WardenInstance.Shared.fresh();
    Map<String, String> env =
        shared.environment(
            Map.of(
                "WARDEN_RATE_API_PER_MINUTE", Integer.toString(API),
                "WARDEN_RATE_CHECK_PER_MINUTE", Integer.toString(CHECK),
                "WARDEN_RATE_AUTH_PER_15_MINUTES", Integer.toString(AUTH),
                // A take that times out on this loaded machine would count as Redis being away
                // (each instance then admits its share locally): not what these tests are about.
                "WARDEN_REDIS_TIMEOUT_MS", "2000"));
    // The first one migrates the database; the other two then start side by side.
    instances.add(WardenProcess.start(env));
    List<CompletableFuture<WardenProcess>> starting = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      starting.add(CompletableFuture.supplyAsync(() -> WardenProcess.start(env)));
    }
    starting.forEach(f -> instances.add(f.join()));
    api = new WardenApi(instances.get(0).client());
    tenant = api.createTenant("multi").getString("id");
    // Every instance counts three live ones (their heartbeats) before the slices are sized.
    for (WardenProcess instance : instances) {
      awaitLiveInstances(instance.client(), 3);
    }
  }

  /** No instance fell back to local limits during the test: the figures are the shared ones. */
  private void assertShared() {
    for (WardenProcess instance : instances) {
      assertThat(instance.log()).doesNotContain("each instance now enforces every limit divided");
    }
  }

  @AfterAll
  void stop() {
    instances.forEach(WardenProcess::close);
  }

  @Test
  void the_api_limit_holds_once_across_three_instances() {
    String token = api.token(api.member(tenant, "api"));
    int allowed = roundRobin(2 * API, c -> c.get("/api/me", token));
    System.out.printf("api: %d of %d allowed across 3 instances%n", allowed, API);
    assertShared();
    assertThat(allowed).isBetween((int) (API * 0.9), API);
  }

  @Test
  void the_check_limit_holds_once_across_three_instances() {
    String token = api.token(api.member(tenant, "check"));
    int allowed =
        roundRobin(
            2 * CHECK, c -> c.post("/api/authz/check", token, "{\"permission\":\"users.view\"}"));
    System.out.printf("check: %d of %d allowed across 3 instances%n", allowed, CHECK);
    assertShared();
    assertThat(allowed).isBetween((int) (CHECK * 0.9), CHECK);
  }

  @Test
  void the_auth_limit_holds_once_across_three_instances() {
    Account user = api.member(tenant, "auth");
    int answered = roundRobin(2 * AUTH, c -> c.login(user.email(), "not-the-password-" + AUTH));
    System.out.printf("auth: %d of %d logins answered across 3 instances%n", answered, AUTH);
    assertShared();
    assertThat(answered).isBetween((int) (AUTH * 0.9), AUTH);
  }

  @Test
  void every_limiter_key_in_redis_expires() {
    String token = api.token(api.member(tenant, "keys"));
    roundRobin(30, c -> c.get("/api/me", token));
    int keys = 0;
    String cursor = "0";
    do {
      List<?> reply =
          (List<?>) redis("SCAN", cursor, "MATCH", shared.redisPrefix() + ":rl:*", "COUNT", "1000");
      cursor = (String) reply.get(0);
      for (Object key : (List<?>) reply.get(1)) {
        assertThat((Long) redis("PTTL", (String) key)).as("PTTL of %s", key).isPositive();
        keys++;
      }
    } while (!cursor.equals("0"));
    assertThat(keys).isGreaterThanOrEqualTo(2);
  }

  /**
   * Sends {@code requests} round-robin and returns how many were not refused; every answer carries
   * the rate-limit headers and every refusal is a 429 problem with {@code Retry-After}.
   */
  private int roundRobin(int requests, Function<WardenClient, Response> request) {
    int allowed = 0;
    for (int i = 0; i < requests; i++) {
      Response answer = request.apply(instances.get(i % instances.size()).client());
      assertThat(answer.header("RateLimit-Limit")).as("%s", answer).isPresent();
      assertThat(answer.header("RateLimit-Reset")).as("%s", answer).isPresent();
      if (answer.status() == 429) {
        assertProblem(answer, 429);
        assertThat(answer.header("Retry-After")).isPresent();
      } else {
        allowed++;
      }
    }
    return allowed;
  }

  private void awaitLiveInstances(WardenClient client, int count) {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    String detail = "";
    while (System.nanoTime() < deadline) {
      detail =
          expect(client.get("/health", api.adminToken()), 200)
              .json()
              .getJsonObject("checks")
              .getJsonObject("ratelimit")
              .getString("detail");
      if (detail.contains(count + " live instance")) {
        return;
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    throw new AssertionError("never saw " + count + " live instances: " + detail);
  }

  private static Object redis(String... args) {
    try {
      return Resp.command(TestRedis.host(), TestRedis.port(), 2000, args);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
