package io.warden.bootstrap.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.warden.adapter.driven.redis.testing.RedisProcess;
import io.warden.adapter.driven.redis.testing.TestRedis;
import io.warden.bootstrap.cache.CheckPath.Outcome;
import io.warden.bootstrap.testing.Poll;
import io.warden.bootstrap.testing.PostgresProcess;
import io.warden.bootstrap.testing.WardenClient;
import io.warden.bootstrap.testing.WardenClient.Response;
import io.warden.bootstrap.testing.WardenInstance;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * Chaos on real servers (issue #12): two instances share their own PostgreSQL (zonky, stopped and
 * started by the test, never the shared one) and their own {@code redis-server}. PostgreSQL is
 * stopped for 10 s while clients keep asking warm questions through every read path (single check,
 * batch check, {@code /api/me}, all token-authenticated) on both instances: not one may fail and
 * not one may be wrong; changes and logins are refused with 503 and {@code Retry-After}; {@code
 * /health} says DEGRADED, not DOWN; once PostgreSQL is back, changes are accepted again and take
 * effect on both instances, without anyone restarting anything.
 */
class DatabaseOutageTest {
  static final Duration OUTAGE = Duration.ofSeconds(10);
  static final Duration DEADLINE = Duration.ofSeconds(60);
  static final Map<String, String> ENV =
      Map.of(
          "WARDEN_RATE_API_PER_MINUTE", "100000000",
          "WARDEN_RATE_AUTH_PER_15_MINUTES", "100000000",
          "WARDEN_CACHE_STALENESS_BOUND_MS", "1000",
          "WARDEN_CACHE_WITNESS_MAX_MS", "60000",
          // The machine running the tests is shared and loaded: a Redis answer slower than the
          // default 50 ms would make the witness miss its bound now and then (safe: the caches then
          // fall back to the database, which is down), which is not what this test is about.
          "WARDEN_REDIS_TIMEOUT_MS", "500");

  /** One question whose answer is known: on which instance, along which path, as whom. */
  record Question(int instance, CheckPath path, String token, Outcome expected) {}

  @Test
  void postgres_stopped_for_ten_seconds_under_warm_load_fails_no_check_and_refuses_changes() {
    try (PostgresProcess postgres = PostgresProcess.start();
        RedisProcess redis = RedisProcess.start()) {
      WardenInstance.Shared shared =
          new WardenInstance.Shared(postgres.database(), redis.uri(), TestRedis.uniquePrefix());
      try (WardenInstance a = WardenInstance.start(shared, ENV);
          WardenInstance b = WardenInstance.start(shared, ENV)) {
        List<WardenClient> clients = List.of(a.client(), b.client());
        Operator operator = new Operator(a.client());
        Operator.Tenant tenant = operator.newTenant();
        String permission = operator.newPermission("outage");
        Operator.Role holding = operator.newRole(tenant, permission);
        Operator.Role other = operator.newRole(tenant, "users.view");
        Operator.Member allowed = operator.newMember(tenant, holding);
        Operator.Member denied = operator.newMember(tenant, other);
        List<Question> questions = new ArrayList<>();
        for (int i = 0; i < clients.size(); i++) {
          for (Operator.Member member : List.of(allowed, denied)) {
            String token = Operator.login(clients.get(i), member);
            Outcome expected = member == allowed ? Outcome.ALLOWED : Outcome.NOT_ALLOWED;
            for (CheckPath path : CheckPath.values()) {
              questions.add(new Question(i, path, token, expected));
            }
          }
        }
        // Warm every instance's caches along every path, and check the answers once.
        for (Question q : questions) {
          assertThat(q.path().ask(clients.get(q.instance()), q.token(), permission))
              .isEqualTo(q.expected());
        }
        for (WardenClient client : clients) {
          Poll.until(DEADLINE, "/health UP", () -> status(client), "UP"::equals);
        }

        Load load = new Load(clients, questions, permission);
        load.start();
        Poll.until(DEADLINE, "the load is running", () -> load.answered.get() > 20);
        long stoppedAt = System.nanoTime();
        postgres.stop();

        for (WardenClient client : clients) {
          JsonObject health =
              Poll.until(
                  DEADLINE,
                  "/health DEGRADED with the database DEGRADED",
                  () -> health(client),
                  h ->
                      h.getString("status").equals("DEGRADED")
                          && check(h, "database").equals("DEGRADED"));
          assertThat(check(health, "invalidation")).isEqualTo("DEGRADED");
        }
        long answeredBeforeWrites = load.answered.get();
        // Changes and logins are refused, saying when to come back; nothing is half done.
        Response revoke =
            a.client()
                .delete(
                    "/api/roles/" + holding.id() + "/permissions/" + permission,
                    tenant.adminToken());
        assertThat(revoke.status()).isEqualTo(503);
        assertThat(revoke.header("Retry-After")).isPresent();
        Response assign =
            b.client()
                .post(
                    "/api/roles/" + holding.id() + "/users/" + denied.id(),
                    tenant.adminToken(),
                    "{}");
        assertThat(assign.status()).isEqualTo(503);
        assertThat(assign.header("Retry-After")).isPresent();
        Response login = b.client().login(allowed.email(), Operator.PASSWORD);
        assertThat(login.status()).isEqualTo(503);
        assertThat(login.header("Retry-After")).isPresent();

        long remaining = OUTAGE.toNanos() - (System.nanoTime() - stoppedAt);
        if (remaining > 0) {
          Poll.pause(remaining / 1_000_000);
        }
        long answeredDuringOutage = load.answered.get();
        postgres.startAgain();

        for (WardenClient client : clients) {
          Poll.until(DEADLINE, "/health UP again", () -> status(client), "UP"::equals);
        }
        load.stop();

        assertThat(load.failures).as("failed warm checks").isEmpty();
        assertThat(load.wrong).as("wrong answers").isEmpty();
        assertThat(answeredDuringOutage).isGreaterThan(answeredBeforeWrites);

        // Accepted again, and in effect on both instances (B learns it from a channel).
        operator.revoke(tenant, holding, permission);
        for (WardenClient client : clients) {
          for (Question q : questions) {
            if (q.expected() == Outcome.ALLOWED && clients.get(q.instance()) == client) {
              Poll.until(
                  DEADLINE,
                  "the revocation is in effect",
                  () -> q.path().ask(client, q.token(), permission),
                  Outcome.NOT_ALLOWED::equals);
            }
          }
        }
        System.out.printf(
            "database outage: %d warm checks answered, %d during the %d s outage, 0 failed,"
                + " 0 wrong%n",
            load.answered.get(), answeredDuringOutage - answeredBeforeWrites, OUTAGE.toSeconds());
      }
    }
  }

  @Test
  void postgres_restarted_while_a_revocation_is_in_flight_never_acknowledges_and_loses_it()
      throws Exception {
    try (PostgresProcess postgres = PostgresProcess.start();
        RedisProcess redis = RedisProcess.start()) {
      WardenInstance.Shared shared =
          new WardenInstance.Shared(postgres.database(), redis.uri(), TestRedis.uniquePrefix());
      ExecutorService sender = Executors.newSingleThreadExecutor();
      try (WardenInstance a = WardenInstance.start(shared, ENV);
          WardenInstance b = WardenInstance.start(shared, ENV)) {
        List<WardenClient> clients = List.of(a.client(), b.client());
        Operator operator = new Operator(a.client());
        Operator.Holder holder = operator.newHolder("inflight");
        String permission = holder.permission();
        List<String> tokens =
            List.of(
                Operator.login(a.client(), holder.member()),
                Operator.login(b.client(), holder.member()));
        int acknowledged = 0;
        int refused = 0;
        for (int round = 0; round < 4; round++) {
          if (!held(operator, holder)) {
            operator.grant(holder);
          }
          untilEveryInstance(clients, tokens, permission, "granted", "ALLOWED"::equals);
          Future<Response> revocation =
              sender.submit(
                  () ->
                      a.client()
                          .delete(
                              "/api/roles/" + holder.role().id() + "/permissions/" + permission,
                              holder.tenant().adminToken()));
          Poll.pause(ThreadLocalRandom.current().nextInt(0, 250));
          postgres.stop();
          Response outcome = revocation.get();
          boolean acked = outcome.status() == 204;
          if (acked) {
            acknowledged++;
            // Acknowledged: no instance may allow it any more, PostgreSQL down or not.
            untilEveryInstance(
                clients,
                tokens,
                permission,
                "the acknowledged revocation is in effect during the outage",
                seen -> !seen.equals("ALLOWED"));
          } else {
            refused++;
            assertThat(outcome.status()).as("refused, not failed: %s", outcome).isEqualTo(503);
          }
          postgres.startAgain();
          for (WardenClient client : clients) {
            Poll.until(DEADLINE, "/health UP again", () -> status(client), "UP"::equals);
          }
          boolean stillHeld = held(operator, holder);
          if (acked) {
            assertThat(stillHeld).as("an acknowledged revocation was lost").isFalse();
          }
          String truth = stillHeld ? "ALLOWED" : "NOT_ALLOWED";
          untilEveryInstance(
              clients,
              tokens,
              permission,
              "every instance agrees with the database",
              truth::equals);
        }
        System.out.printf(
            "revocation in flight across a PostgreSQL restart: %d acknowledged and in effect"
                + " everywhere, %d refused with 503, 0 lost%n",
            acknowledged, refused);
      } finally {
        sender.shutdownNow();
      }
    }
  }

  /**
   * Polls each instance in turn, {@code clients.get(i)} asking with {@code tokens.get(i)}, until
   * its answer for {@code permission} is one {@code done} accepts.
   */
  private static void untilEveryInstance(
      List<WardenClient> clients,
      List<String> tokens,
      String permission,
      String what,
      Predicate<String> done) {
    for (int i = 0; i < clients.size(); i++) {
      WardenClient client = clients.get(i);
      String token = tokens.get(i);
      Poll.until(DEADLINE, what, () -> answer(client, token, permission), done);
    }
  }

  /** Whether the holder's role grants its permission, as PostgreSQL says (through the API). */
  static boolean held(Operator operator, Operator.Holder holder) {
    Response response =
        operator.client().get("/api/roles/" + holder.role().id(), holder.tenant().adminToken());
    if (response.status() != 200) {
      throw new AssertionError("cannot read the role: " + response);
    }
    return response
        .json()
        .getJsonArray("permissions")
        .getValuesAs(jakarta.json.JsonString.class)
        .stream()
        .anyMatch(name -> name.getString().equals(holder.permission()));
  }

  /** ALLOWED, NOT_ALLOWED, or the status of any other answer (a refusal is never an allow). */
  static String answer(WardenClient client, String token, String permission) {
    Response response =
        client.post(
            "/api/authz/check",
            token,
            jakarta.json.Json.createObjectBuilder()
                .add("permission", permission)
                .build()
                .toString());
    if (response.status() != 200) {
      return Integer.toString(response.status());
    }
    return response.json().getBoolean("allowed") ? "ALLOWED" : "NOT_ALLOWED";
  }

  /** Threads asking the questions in random order until stopped, recording every miss. */
  static final class Load {
    final List<WardenClient> clients;
    final List<Question> questions;
    final String permission;
    final AtomicBoolean running = new AtomicBoolean(true);
    final AtomicLong answered = new AtomicLong();
    final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
    final ConcurrentLinkedQueue<String> wrong = new ConcurrentLinkedQueue<>();
    final ExecutorService threads = Executors.newFixedThreadPool(3);
    final List<Future<?>> futures = new ArrayList<>();

    Load(List<WardenClient> clients, List<Question> questions, String permission) {
      this.clients = clients;
      this.questions = questions;
      this.permission = permission;
    }

    void start() {
      for (int t = 0; t < 3; t++) {
        futures.add(threads.submit(this::run));
      }
    }

    private void run() {
      while (running.get()) {
        Question q = questions.get(ThreadLocalRandom.current().nextInt(questions.size()));
        Outcome outcome;
        try {
          outcome = q.path().ask(clients.get(q.instance()), q.token(), permission);
        } catch (RuntimeException | AssertionError e) {
          failures.add(q + ": " + e.getMessage());
          continue;
        }
        answered.incrementAndGet();
        if (outcome == Outcome.REJECTED) {
          failures.add(q + ": rejected");
        } else if (outcome != q.expected()) {
          wrong.add(q + ": " + outcome);
        }
      }
    }

    void stop() {
      running.set(false);
      threads.shutdown();
      for (Future<?> future : futures) {
        try {
          future.get();
        } catch (Exception e) {
          throw new AssertionError(e);
        }
      }
    }
  }

  static JsonObject health(WardenClient client) {
    try {
      return client.get("/health", null).json();
    } catch (RuntimeException e) {
      return jakarta.json.Json.createObjectBuilder().add("status", "unreachable").build();
    }
  }

  static String status(WardenClient client) {
    return health(client).getString("status");
  }

  static String check(JsonObject health, String name) {
    return health.getJsonObject("checks").getJsonObject(name).getString("status");
  }
}
