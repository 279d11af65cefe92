package io.warden.bootstrap.e2e;

import static io.warden.bootstrap.e2e.WardenApi.expect;
import static org.assertj.core.api.Assertions.assertThat;

import io.warden.adapter.driven.redis.RedisL2Settings;
import io.warden.adapter.driven.redis.ratelimit.RedisQuotaStore;
import io.warden.application.port.driving.RateLimitUseCase.RateClass;
import io.warden.application.service.RateLimitService;
import io.warden.application.service.Services;
import io.warden.bootstrap.e2e.WardenApi.Account;
import io.warden.bootstrap.testing.WardenClient.Response;
import io.warden.bootstrap.testing.WardenInstance;
import io.warden.bootstrap.testing.WardenProcess;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * {@code SIGTERM} to a Warden in a JVM of its own, under load: {@code /health} turns 503 {@code
 * DRAINING} at once; the client, acting as a load balancer, sends nothing new once it sees that;
 * every request sent before — checks, and logins queued behind one hashing permit so that they are
 * still in flight while the server stops — is answered, and answered right; the leased quota is
 * back in Redis; the process exits by itself within {@code WARDEN_SHUTDOWN_GRACE_SECONDS}.
 */
class GracefulShutdownTest {
  private static final int GRACE_SECONDS = 20;
  private static final long CHECK_LIMIT = 100_000; // one live instance: slices of 1000
  private static final int LOGINS_IN_FLIGHT = 4;

  private final HttpClient http = HttpClient.newHttpClient();
  private final ConcurrentLinkedQueue<String> wrong = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean routedAway = new AtomicBoolean();
  private final AtomicLong answeredAfterSigterm = new AtomicLong();
  private volatile long sigtermAt = Long.MAX_VALUE;

  @Test
  void sigterm_under_load_answers_every_accepted_request_gives_leases_back_and_exits_in_time()
      throws Exception {
    WardenInstance.Shared shared = WardenInstance.Shared.fresh();
    String leaseKey;
    Map<String, String> env =
        shared.environment(
            Map.of(
                "WARDEN_SHUTDOWN_GRACE_SECONDS", Integer.toString(GRACE_SECONDS),
                "WARDEN_RATE_CHECK_PER_MINUTE", Long.toString(CHECK_LIMIT),
                // One hash at a time, the others queued: logins stay in flight for seconds.
                "WARDEN_LOGIN_HASH_PERMITS", "1",
                "WARDEN_LOGIN_HASH_MAX_WAIT_MS", "60000",
                "WARDEN_REDIS_TIMEOUT_MS", "2000"));
    try (WardenProcess warden = WardenProcess.start(env)) {
      String base = warden.client().baseUrl();
      WardenApi api = new WardenApi(warden.client());
      String tenant = api.createTenant("drain").getString("id");
      Account checker = api.member(tenant, "checker");
      Account leaser = api.member(tenant, "leaser");
      Account login = api.member(tenant, "login");
      String checkerToken = api.token(checker);
      String leaserToken = api.token(leaser);
      leaseKey = "u:" + leaser.id() + ":t:" + tenant; // the limiter's key of its checks
      // The leaser's quota: one slice of 1000 leased, 5 spent, 995 to give back at shutdown.
      for (int i = 0; i < 5; i++) {
        expect(check(warden, leaserToken), 200);
      }

      List<Thread> load = new ArrayList<>();
      for (int t = 0; t < 6; t++) {
        load.add(Thread.ofVirtual().start(() -> checkUntilRoutedAway(base, checkerToken)));
      }
      Thread.sleep(1000);
      for (int t = 0; t < LOGINS_IN_FLIGHT; t++) {
        load.add(Thread.ofVirtual().start(() -> loginOnce(base, login)));
      }
      Thread.sleep(100); // the logins are sent: queued behind the single hashing permit
      sigtermAt = System.nanoTime();
      warden.sigterm();
      Optional<JsonObject> draining = awaitDraining(base);
      routedAway.set(true);
      for (Thread thread : load) {
        thread.join(Duration.ofSeconds(GRACE_SECONDS + 30));
      }

      boolean exited = warden.awaitExit(Duration.ofSeconds(GRACE_SECONDS + 15));
      String log = warden.log();
      System.out.printf(
          "drained: %s; answered after SIGTERM: %d; exit code %s%n%s%n",
          draining.map(Object::toString).orElse("never seen"),
          answeredAfterSigterm.get(),
          exited ? warden.exitCode() : "(still running)",
          log.lines().filter(l -> l.contains("Shutdown:") || l.contains("leased permit")).toList());
      assertThat(wrong).as("requests sent before the balancer saw DRAINING").isEmpty();
      assertThat(draining).as("/health while draining").isPresent();
      assertThat(draining.get().getString("status")).isEqualTo("DRAINING");
      assertThat(
              draining.get().getJsonObject("checks").getJsonObject("shutdown").getString("status"))
          .isEqualTo("DRAINING");
      assertThat(answeredAfterSigterm.get()).as("answers while draining").isPositive();
      assertThat(exited).as("exited within the grace").isTrue();
      assertThat(log).contains("Shutdown: stopped in").doesNotContain("halting now");
      assertThat(log).containsPattern("Rate limits: gave [1-9][0-9,]* leased permit");
    }

    // What the instance leased and did not spend is back in Redis: a new limiter's first take sees
    // the limit less the 5 checks spent (less 1 for the take itself), not less a whole slice.
    try (RedisQuotaStore store =
            new RedisQuotaStore(
                RedisL2Settings.defaults(shared.redisUri())
                    .withCommandTimeout(Duration.ofSeconds(2))
                    .withBreaker(50f, 10, 4, Duration.ofSeconds(1), 1),
                shared.redisPrefix());
        RateLimitService limiter =
            Services.rateLimits(
                Map.of(RateClass.CHECK, CHECK_LIMIT),
                Optional.of(store),
                () -> 1,
                System::nanoTime)) {
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (!store.connected() && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertThat(limiter.acquire(RateClass.CHECK, leaseKey).remaining())
          .isEqualTo(CHECK_LIMIT - 5 - 1);
    }
  }

  private static Response check(WardenProcess warden, String token) {
    return warden.client().post("/api/authz/check", token, "{\"permission\":\"users.view\"}");
  }

  /** Checks in a loop, as a balancer would route them, until it has seen the instance draining. */
  private void checkUntilRoutedAway(String base, String token) {
    while (!routedAway.get()) {
      HttpRequest request =
          HttpRequest.newBuilder(URI.create(base + "/api/authz/check"))
              .timeout(Duration.ofSeconds(60))
              .header("Authorization", "Bearer " + token)
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString("{\"permission\":\"users.view\"}"))
              .build();
      answered(request, "check", body -> body.containsKey("allowed"));
    }
  }

  private void loginOnce(String base, Account user) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(base + "/api/auth/login"))
            .timeout(Duration.ofSeconds(60))
            .header("Content-Type", "application/json")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    WardenApi.json("email", user.email(), "password", user.password())))
            .build();
    answered(request, "login", body -> body.containsKey("accessToken"));
  }

  /** Sends {@code request}; anything but a 200 whose body passes {@code right} is recorded. */
  private void answered(
      HttpRequest request, String what, java.util.function.Predicate<JsonObject> right) {
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      JsonObject body =
          response.statusCode() == 200
              ? Json.createReader(new StringReader(response.body())).readObject()
              : null;
      if (body == null || !right.test(body)) {
        wrong.add(what + ": " + response.statusCode() + " " + response.body());
      } else if (System.nanoTime() - sigtermAt > 0) {
        answeredAfterSigterm.incrementAndGet();
      }
    } catch (IOException e) {
      wrong.add(what + ": " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Polls {@code /health} until it answers 503 (the balancer's view); its body, if it did. */
  private Optional<JsonObject> awaitDraining(String base) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(GRACE_SECONDS).toNanos();
    while (System.nanoTime() < deadline) {
      try {
        HttpResponse<String> health =
            http.send(
                HttpRequest.newBuilder(URI.create(base + "/health"))
                    .timeout(Duration.ofSeconds(5))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        if (health.statusCode() == 503) {
          return Optional.of(Json.createReader(new StringReader(health.body())).readObject());
        }
      } catch (IOException e) {
        return Optional.empty(); // stopped before the balancer saw it draining
      }
      Thread.sleep(20);
    }
    return Optional.empty();
  }
}
