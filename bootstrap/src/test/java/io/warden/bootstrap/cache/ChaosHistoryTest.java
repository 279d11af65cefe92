package io.warden.bootstrap.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.warden.adapter.driven.redis.testing.RedisProcess;
import io.warden.adapter.driven.redis.testing.TestRedis;
import io.warden.application.port.driven.EffectivePermissions;
import io.warden.bootstrap.cache.ChangeHistory.Change;
import io.warden.bootstrap.cache.ChangeHistory.Subject;
import io.warden.bootstrap.testing.Poll;
import io.warden.bootstrap.testing.PostgresProcess;
import io.warden.bootstrap.testing.WardenClient.Response;
import io.warden.bootstrap.testing.WardenInstance;
import io.warden.domain.model.tenant.TenantId;
import jakarta.json.Json;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAccumulator;
import org.junit.jupiter.api.Test;

/**
 * A Jepsen-style history check under real faults (issue #12). Three instances share their own
 * PostgreSQL ({@link PostgresProcess}) and their own {@code redis-server} ({@link RedisProcess}).
 * Client threads run a budget of randomized operations — grant, revoke, assign, unassign through a
 * random instance's HTTP API, and checks on a random instance (one user through the permission
 * chain, every user in one batch, or {@code POST /api/authz/check} with the user's own token) —
 * while a fault thread keeps ending random instances' {@code LISTEN} backends ({@code
 * pg_terminate_backend}), killing every Redis connection ({@code CLIENT KILL}), killing and
 * restarting Redis (empty) and freezing it ({@code SIGSTOP}).
 *
 * <p>Every answer is judged against the history of acknowledged changes: an answer that no change
 * in force could explain — once the change that made it wrong was acknowledged on the same
 * instance, or one staleness bound after it was acknowledged on another — is a stale answer and
 * fails the test. Refusals (503) are counted, never judged: a refusal is not a stale allow. The run
 * also reports the worst staleness seen (how long after the change that made an answer wrong the
 * answer was still asked for), which the bound caps.
 *
 * <p>Size and fault rate are settings, as system properties or environment variables:
 *
 * <ul>
 *   <li>{@code warden.chaos.operations} / {@code WARDEN_CHAOS_OPERATIONS}: operations in all
 *       (default 1,200, about a minute on a loaded 2-core machine; the documented soak runs
 *       100,000);
 *   <li>{@code warden.chaos.change-ratio} / {@code WARDEN_CHAOS_CHANGE_RATIO}: the share of
 *       operations that are changes (default 0.1);
 *   <li>{@code warden.chaos.fault-interval-ms} / {@code WARDEN_CHAOS_FAULT_INTERVAL_MS}: the mean
 *       time between two faults (default 400);
 *   <li>{@code warden.chaos.max-seconds} / {@code WARDEN_CHAOS_MAX_SECONDS}: stop drawing
 *       operations after this long, and report how many ran (default 0: no limit);
 *   <li>{@code warden.chaos.seed} / {@code WARDEN_CHAOS_SEED}: the random seed (printed).
 * </ul>
 *
 * The operations of a run are random; the seed fixes the choices, not the interleaving.
 */
class ChaosHistoryTest {
  private static final Duration STALENESS_BOUND = Duration.ofSeconds(1);
  private static final int INSTANCES = 3;
  private static final int CLIENTS = 3;
  private static final int USERS = 9;
  private static final long OPERATIONS = setting("operations", 1_200);
  private static final double CHANGE_RATIO = Double.parseDouble(text("change-ratio", "0.1"));
  private static final long FAULT_INTERVAL_MS = setting("fault-interval-ms", 400);
  private static final long MAX_SECONDS = setting("max-seconds", 0);
  private static final long SEED = setting("seed", System.nanoTime());
  private static final Duration SETTLE_DEADLINE = Duration.ofSeconds(30);

  /** The faults the fault thread injects, each on a server the test owns. */
  enum Fault {
    /** {@code pg_terminate_backend} of one instance's {@code LISTEN} backend (or of all three). */
    LISTEN_BACKEND_TERMINATED,
    /** {@code CLIENT KILL TYPE normal}: every instance's Redis connections drop at once. */
    REDIS_CONNECTIONS_KILLED,
    /** Redis killed ({@code SIGKILL}) and restarted empty 0.1–1 s later. */
    REDIS_KILLED_AND_RESTARTED_EMPTY,
    /** Redis frozen ({@code SIGSTOP}) for 0.1–0.6 s: every call times out. */
    REDIS_FROZEN
  }

  private final List<WardenInstance> instances = new ArrayList<>();
  private final List<Operator> operators = new ArrayList<>();
  private final List<Subject> subjects = new ArrayList<>();
  private final Map<Fault, AtomicLong> faults = new EnumMap<>(Fault.class);
  private final ConcurrentLinkedQueue<String> violations = new ConcurrentLinkedQueue<>();
  private final AtomicLong changes = new AtomicLong();
  private final AtomicLong checks = new AtomicLong();
  private final AtomicLong judged = new AtomicLong();
  private final AtomicLong refused = new AtomicLong();
  private final AtomicLong staleWithinBound = new AtomicLong();
  private final LongAccumulator worstStaleness = new LongAccumulator(Math::max, 0);
  private volatile long runStarted;
  private TenantId tenantId;
  private String permission;

  @Test
  void no_stale_answer_past_the_bound_with_listen_and_redis_randomly_interrupted()
      throws Exception {
    for (Fault fault : Fault.values()) {
      faults.put(fault, new AtomicLong());
    }
    try (PostgresProcess postgres = PostgresProcess.start();
        RedisProcess redis = RedisProcess.start();
        DatabaseGate gate = new DatabaseGate(postgres.database())) {
      WardenInstance.Shared shared =
          new WardenInstance.Shared(postgres.database(), redis.uri(), TestRedis.uniquePrefix());
      Map<String, String> env =
          Map.of(
              "WARDEN_CACHE_STALENESS_BOUND_MS",
              Long.toString(STALENESS_BOUND.toMillis()),
              "WARDEN_JWT_TTL_SECONDS",
              "86400");
      try {
        for (int i = 0; i < INSTANCES; i++) {
          WardenInstance instance = WardenInstance.start(shared, env);
          instances.add(instance);
          operators.add(new Operator(instance.client()));
        }
        Operator operator = operators.get(0);
        List<Operator.Holder> holders = operator.newHolders("chaos", USERS);
        tenantId = holders.getFirst().tenantId();
        permission = holders.getFirst().permission();
        for (Operator.Holder holder : holders) {
          subjects.add(new Subject(holder, Operator.login(operator.client(), holder.member())));
        }
        // Whatever the set-up changed is in force everywhere before the first answer is judged.
        Poll.pause(2 * STALENESS_BOUND.toMillis());
        run(redis, gate);
      } finally {
        for (WardenInstance instance : instances) {
          instance.close();
        }
      }
    }
  }

  private void run(RedisProcess redis, DatabaseGate gate) throws Exception {
    AtomicBoolean running = new AtomicBoolean(true);
    AtomicLong budget = new AtomicLong(OPERATIONS);
    long started = System.nanoTime();
    runStarted = started;
    List<Future<?>> clients = new ArrayList<>();
    Future<?> injector;
    try (ExecutorService threads = Executors.newCachedThreadPool()) {
      injector = threads.submit(() -> inject(redis, gate, running));
      for (int c = 0; c < CLIENTS; c++) {
        int client = c;
        clients.add(threads.submit(() -> operate(client, budget)));
      }
      try {
        for (Future<?> done : clients) {
          done.get(6, TimeUnit.HOURS);
        }
      } finally {
        running.set(false);
      }
      injector.get(1, TimeUnit.MINUTES);
    }
    long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();
    System.out.printf(
        "Chaos history (seed %d, %d s, %d operations asked, change ratio %s, a fault every %d ms"
            + " on average): %d operations (%d changes, %d checks), %d answers"
            + " judged, %d refused; faults %s; %d stale answers past the %d ms bound, %d within"
            + " it; worst staleness %d ms%n",
        SEED,
        seconds,
        OPERATIONS,
        CHANGE_RATIO,
        FAULT_INTERVAL_MS,
        changes.get() + checks.get(),
        changes.get(),
        checks.get(),
        judged.get(),
        refused.get(),
        faults,
        violations.size(),
        STALENESS_BOUND.toMillis(),
        staleWithinBound.get(),
        Duration.ofNanos(worstStaleness.get()).toMillis());
    assertThat(violations).as("stale answers past the bound").isEmpty();
    if (MAX_SECONDS == 0) {
      assertThat(changes.get() + checks.get()).isEqualTo(OPERATIONS);
    }
    assertThat(faults.values().stream().mapToLong(AtomicLong::get).sum())
        .as("faults injected")
        .isPositive();
    assertEveryInstanceSettlesOnTheFinalState();
  }

  /** Until the clients are done: one random fault every fault interval, on average. */
  private void inject(RedisProcess redis, DatabaseGate gate, AtomicBoolean running) {
    Random random = new Random(SEED ^ 0x5eed);
    while (running.get()) {
      Poll.pause((long) (FAULT_INTERVAL_MS * (0.4 + 1.2 * random.nextDouble())));
      if (!running.get()) {
        return;
      }
      int roll = random.nextInt(20);
      if (roll < 8) {
        boolean all = random.nextInt(4) == 0;
        int chosen = random.nextInt(INSTANCES);
        for (int i = 0; i < INSTANCES; i++) {
          int pid = instances.get(i).components().listener().backendPid();
          if ((all || i == chosen) && pid > 0) {
            gate.terminate(pid);
            faults.get(Fault.LISTEN_BACKEND_TERMINATED).incrementAndGet();
          }
        }
      } else if (roll < 14) {
        redis.command("CLIENT", "KILL", "TYPE", "normal");
        faults.get(Fault.REDIS_CONNECTIONS_KILLED).incrementAndGet();
      } else if (roll < 17) {
        redis.kill();
        faults.get(Fault.REDIS_KILLED_AND_RESTARTED_EMPTY).incrementAndGet();
        Poll.pause(100 + random.nextInt(900));
        redis.restart();
      } else {
        redis.freeze();
        faults.get(Fault.REDIS_FROZEN).incrementAndGet();
        try {
          Poll.pause(100 + random.nextInt(500));
        } finally {
          redis.thaw();
        }
      }
    }
  }

  /**
   * Draws operations from the budget until it is spent. Changes go only to this client's own
   * subjects (every third), so each subject's history is sequential; checks ask about anyone.
   */
  private void operate(int client, AtomicLong budget) {
    Random random = new Random(SEED + client);
    List<Subject> mine = new ArrayList<>();
    for (int i = client; i < subjects.size(); i += CLIENTS) {
      mine.add(subjects.get(i));
    }
    while (budget.getAndDecrement() > 0) {
      if (MAX_SECONDS > 0 && System.nanoTime() - runStarted > MAX_SECONDS * 1_000_000_000L) {
        budget.set(0);
        return;
      }
      if (random.nextDouble() < CHANGE_RATIO) {
        Subject subject = mine.get(random.nextInt(mine.size()));
        int instance = random.nextInt(INSTANCES);
        subject.changeAtRandom(random, instance, operators.get(instance));
        changes.incrementAndGet();
      } else {
        check(random);
        checks.incrementAndGet();
      }
    }
  }

  /** One check on a random instance, along a random path; every answer is judged. */
  private void check(Random random) {
    int observer = random.nextInt(INSTANCES);
    EffectivePermissions chain = instances.get(observer).components().permissions();
    Subject subject = subjects.get(random.nextInt(subjects.size()));
    long started = System.nanoTime();
    try {
      switch (random.nextInt(3)) {
        case 0 -> {
          boolean allowed = chain.of(tenantId, subject.userId).permissions().allows(permission);
          judge(subject, observer, allowed, started, System.nanoTime());
        }
        case 1 -> {
          var answers = chain.ofAll(tenantId, subjects.stream().map(s -> s.userId).toList());
          long ended = System.nanoTime();
          for (Subject each : subjects) {
            boolean allowed = answers.get(each.userId).permissions().allows(permission);
            judge(each, observer, allowed, started, ended);
          }
        }
        default -> {
          Response response =
              instances
                  .get(observer)
                  .client()
                  .post(
                      "/api/authz/check",
                      subject.token,
                      Json.createObjectBuilder().add("permission", permission).build().toString());
          long ended = System.nanoTime();
          if (response.status() == 200) {
            judge(subject, observer, response.json().getBoolean("allowed"), started, ended);
          } else if (response.status() == 503) {
            refused.incrementAndGet();
          } else {
            violations.add("unexpected answer on instance " + observer + ": " + response);
          }
        }
      }
    } catch (RuntimeException unavailable) {
      // The chain refused (database unreachable for a cold load): never a stale answer.
      refused.incrementAndGet();
    }
  }

  /**
   * As in {@link ConcurrentRevocationRaceTest}: an answer must be explained by the change binding
   * at the time it was asked, or by one in flight (sent before the answer came). Also measures the
   * answer's staleness: how long after the change that made it wrong it was asked for.
   */
  private void judge(Subject subject, int observer, boolean allowed, long started, long ended) {
    judged.incrementAndGet();
    List<Change> history = List.copyOf(subject.history);
    int binding = -1;
    int acknowledged = -1;
    for (int i = 0; i < history.size(); i++) {
      Change change = history.get(i);
      if (change.bindsFrom(observer, STALENESS_BOUND) <= started) {
        binding = i;
      }
      if (change.answered <= started) {
        acknowledged = i;
      }
    }
    boolean inFlight = false;
    for (int i = acknowledged + 1; i < history.size() && !inFlight; i++) {
      inFlight = history.get(i).sent <= ended && history.get(i).allowedAfter == allowed;
    }
    boolean current = acknowledged < 0 || history.get(acknowledged).allowedAfter == allowed;
    if (acknowledged < 0 ? allowed : current) {
      return;
    }
    if (inFlight) {
      return;
    }
    // Stale: the last acknowledged state that gave this answer, and the change that ended it.
    int last = acknowledged;
    while (last >= 0 && history.get(last).allowedAfter != allowed) {
      last--;
    }
    if (last < 0 && !allowed) {
      violations.add(
          "DENY of "
              + subject.userId
              + " on instance "
              + observer
              + ", which no change ever explained");
      return;
    }
    Change ending = history.get(last + 1);
    long staleness = started - ending.answered;
    worstStaleness.accumulate(staleness);
    boolean bound = binding > last;
    if (bound) {
      violations.add(
          subject.staleAnswer(allowed, observer)
              + ", "
              + Duration.ofNanos(staleness).toMillis()
              + " ms after "
              + ending.what
              + " (binding: "
              + history.get(binding).what
              + ")");
    } else {
      staleWithinBound.incrementAndGet();
    }
  }

  private void assertEveryInstanceSettlesOnTheFinalState() throws InterruptedException {
    long deadline = System.nanoTime() + SETTLE_DEADLINE.toNanos();
    for (WardenInstance instance : instances) {
      for (Subject subject : subjects) {
        while (true) {
          boolean allowed;
          try {
            allowed =
                instance
                    .components()
                    .permissions()
                    .of(tenantId, subject.userId)
                    .permissions()
                    .allows(permission);
          } catch (RuntimeException e) {
            allowed = !subject.allowed();
          }
          if (allowed == subject.allowed()) {
            break;
          }
          assertThat(System.nanoTime())
              .as("instance settled on the final state of %s", subject.userId)
              .isLessThan(deadline);
          Thread.sleep(5);
        }
      }
    }
  }

  private static long setting(String name, long otherwise) {
    return Long.parseLong(text(name, Long.toString(otherwise)));
  }

  /** {@code -Dwarden.chaos.<name>}, else {@code WARDEN_CHAOS_<NAME>}, else {@code otherwise}. */
  private static String text(String name, String otherwise) {
    String property = System.getProperty("warden.chaos." + name);
    if (property != null && !property.isBlank()) {
      return property.trim();
    }
    String variable = System.getenv("WARDEN_CHAOS_" + name.toUpperCase().replace('-', '_'));
    return variable != null && !variable.isBlank() ? variable.trim() : otherwise;
  }
}
