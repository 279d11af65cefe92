package io.warden.bootstrap.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.warden.adapter.driven.postgres.testing.TestPostgres;
import io.warden.adapter.driven.redis.testing.RedisProcess;
import io.warden.adapter.driven.redis.testing.TestRedis;
import io.warden.application.port.driven.EffectivePermissions;
import io.warden.bootstrap.testing.WardenInstance;
import io.warden.domain.model.tenant.TenantId;
import io.warden.domain.model.user.UserId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/**
 * A Jepsen-style history check under faults (issue #12): three instances share a database and their
 * own {@code redis-server}; two writers grant, revoke, assign and unassign through random
 * instances' HTTP APIs while readers on every instance ask the permission chains (one user, and
 * every user in one batch), and a fault thread keeps ending random instances' {@code LISTEN}
 * connections ({@code pg_terminate_backend}) and killing and restarting Redis. Every answer is
 * judged against the history of acknowledged changes: an answer no change in force could explain,
 * once the staleness bound has passed since the change was acknowledged, is a stale answer and
 * fails the test. The number of changes is {@code -Dwarden.chaos.changes} per writer (default 60;
 * the documented soak uses 50,000).
 */
class ChaosHistoryTest {
  private static final Duration STALENESS_BOUND = Duration.ofSeconds(1);
  private static final int INSTANCES = 3;
  private static final int USERS = 8;
  private static final int CHANGES_PER_WRITER = Integer.getInteger("warden.chaos.changes", 60);
  private static final Duration SETTLE_DEADLINE = Duration.ofSeconds(30);

  private final List<WardenInstance> instances = new ArrayList<>();
  private final List<Operator> operators = new ArrayList<>();
  private final List<Subject> subjects = new ArrayList<>();
  private Operator.Tenant tenant;
  private TenantId tenantId;
  private String permission;

  private static final class Subject {
    final UserId userId;
    final Operator.Role role;
    final List<Change> history = new CopyOnWriteArrayList<>();
    boolean assigned = true;
    boolean granted = true;

    Subject(UserId userId, Operator.Role role) {
      this.userId = userId;
      this.role = role;
    }

    boolean allowed() {
      return assigned && granted;
    }
  }

  private static final class Change {
    final int instance;
    final boolean allowedAfter;
    final String what;
    volatile long sent = Long.MAX_VALUE;
    volatile long answered = Long.MAX_VALUE;

    Change(int instance, boolean allowedAfter, String what) {
      this.instance = instance;
      this.allowedAfter = allowedAfter;
      this.what = what;
    }

    long bindsFrom(int observer) {
      if (answered == Long.MAX_VALUE) {
        return Long.MAX_VALUE;
      }
      return observer == instance ? answered : answered + STALENESS_BOUND.toNanos();
    }
  }

  @Test
  void no_stale_answer_past_the_bound_with_listen_and_redis_randomly_interrupted()
      throws Exception {
    TestPostgres.Database database = TestPostgres.freshDatabase();
    try (RedisProcess redis = RedisProcess.start();
        DatabaseGate gate = new DatabaseGate(database)) {
      WardenInstance.Shared shared =
          new WardenInstance.Shared(database, redis.uri(), TestRedis.uniquePrefix());
      Map<String, String> env =
          Map.of(
              "WARDEN_RATE_API_PER_MINUTE",
              "100000000",
              "WARDEN_CACHE_STALENESS_BOUND_MS",
              Long.toString(STALENESS_BOUND.toMillis()));
      try {
        for (int i = 0; i < INSTANCES; i++) {
          WardenInstance instance = WardenInstance.start(shared, env);
          instances.add(instance);
          operators.add(new Operator(instance.client()));
        }
        Operator operator = operators.get(0);
        tenant = operator.newTenant();
        tenantId = TenantId.parse(tenant.id(), "tenant");
        permission = operator.newPermission("chaos");
        for (int i = 0; i < USERS; i++) {
          Operator.Role role = operator.newRole(tenant, permission);
          Operator.Member member = operator.newMember(tenant, role);
          subjects.add(new Subject(UserId.parse(member.id(), "user"), role));
        }
        run(redis, gate);
      } finally {
        for (WardenInstance instance : instances) {
          instance.close();
        }
      }
    }
  }

  private void run(RedisProcess redis, DatabaseGate gate) throws Exception {
    AtomicBoolean writing = new AtomicBoolean(true);
    ConcurrentLinkedQueue<String> violations = new ConcurrentLinkedQueue<>();
    AtomicLong observations = new AtomicLong();
    AtomicLong listenCuts = new AtomicLong();
    AtomicLong redisKills = new AtomicLong();
    List<Future<?>> readers = new ArrayList<>();
    List<Future<?>> writers = new ArrayList<>();
    Future<?> faults;
    try (ExecutorService threads = Executors.newCachedThreadPool()) {
      for (int instance = 0; instance < INSTANCES; instance++) {
        int observer = instance;
        readers.add(
            threads.submit(
                () -> {
                  read(observer, 77L + observer, writing, violations, observations);
                  return null;
                }));
      }
      faults =
          threads.submit(
              () -> {
                inject(redis, gate, writing, listenCuts, redisKills);
                return null;
              });
      for (int w = 0; w < 2; w++) {
        int writer = w;
        writers.add(
            threads.submit(
                () -> {
                  write(writer);
                  return null;
                }));
      }
      try {
        for (Future<?> done : writers) {
          done.get(20, TimeUnit.MINUTES);
        }
      } finally {
        writing.set(false);
      }
      faults.get(1, TimeUnit.MINUTES);
      for (Future<?> done : readers) {
        done.get(1, TimeUnit.MINUTES);
      }
    }
    System.out.printf(
        "Chaos history: %d changes, %d observations judged, %d LISTEN connections cut, %d Redis"
            + " kills, %d stale answers%n",
        2 * CHANGES_PER_WRITER,
        observations.get(),
        listenCuts.get(),
        redisKills.get(),
        violations.size());
    assertThat(violations).as("stale answers").isEmpty();
    assertThat(listenCuts.get() + redisKills.get()).as("faults injected").isPositive();
    assertEveryInstanceSettlesOnTheFinalState();
  }

  /** Until the writers are done: cut a random instance's LISTEN, or kill Redis for a while. */
  private void inject(
      RedisProcess redis,
      DatabaseGate gate,
      AtomicBoolean writing,
      AtomicLong listenCuts,
      AtomicLong redisKills) {
    Random random = new Random(4242);
    while (writing.get()) {
      Poll.pause(200 + random.nextInt(600));
      if (random.nextBoolean()) {
        int pid = instances.get(random.nextInt(INSTANCES)).components().listener().backendPid();
        if (pid > 0) {
          gate.terminate(pid);
          listenCuts.incrementAndGet();
        }
      } else {
        redis.kill();
        redisKills.incrementAndGet();
        Poll.pause(200 + random.nextInt(1300));
        redis.restart();
      }
    }
  }

  private void write(int writer) {
    Random random = new Random(1_000 + writer);
    List<Subject> mine = new ArrayList<>();
    for (int i = writer; i < subjects.size(); i += 2) {
      mine.add(subjects.get(i));
    }
    for (int n = 0; n < CHANGES_PER_WRITER; n++) {
      Subject subject = mine.get(random.nextInt(mine.size()));
      int instance = random.nextInt(INSTANCES);
      Operator operator = operators.get(instance);
      boolean toggleGrant = random.nextBoolean();
      if (toggleGrant) {
        subject.granted = !subject.granted;
      } else {
        subject.assigned = !subject.assigned;
      }
      String what =
          toggleGrant
              ? (subject.granted ? "grant" : "revoke")
              : (subject.assigned ? "assign" : "unassign");
      Change change = new Change(instance, subject.allowed(), what + " on instance " + instance);
      subject.history.add(change);
      change.sent = System.nanoTime();
      switch (what) {
        case "grant" -> operator.grant(tenant, subject.role, permission);
        case "revoke" -> operator.revoke(tenant, subject.role, permission);
        case "assign" -> operator.assign(tenant, subject.role, subject.userId.toString());
        case "unassign" -> operator.unassign(tenant, subject.role, subject.userId.toString());
        default -> throw new IllegalStateException(what);
      }
      change.answered = System.nanoTime();
    }
  }

  private void read(
      int observer,
      long seed,
      AtomicBoolean writing,
      ConcurrentLinkedQueue<String> violations,
      AtomicLong observations) {
    EffectivePermissions chain = instances.get(observer).components().permissions();
    Random random = new Random(seed);
    List<UserId> everyone = subjects.stream().map(s -> s.userId).toList();
    for (long n = 0; writing.get(); n++) {
      long started = System.nanoTime();
      try {
        if (n % 4 == 3) {
          var answers = chain.ofAll(tenantId, everyone);
          long ended = System.nanoTime();
          for (Subject subject : subjects) {
            boolean allowed = answers.get(subject.userId).permissions().allows(permission);
            judge(subject, observer, allowed, started, ended, violations);
            observations.incrementAndGet();
          }
        } else {
          Subject subject = subjects.get(random.nextInt(subjects.size()));
          boolean allowed = chain.of(tenantId, subject.userId).permissions().allows(permission);
          judge(subject, observer, allowed, started, System.nanoTime(), violations);
          observations.incrementAndGet();
        }
      } catch (RuntimeException unavailable) {
        // A refusal is never a stale answer; the history judges only answers.
      }
      LockSupport.parkNanos(200_000);
    }
  }

  /**
   * As in {@link ConcurrentRevocationRaceTest}: explained by a change in force, or one in flight.
   */
  private static void judge(
      Subject subject,
      int observer,
      boolean allowed,
      long started,
      long ended,
      ConcurrentLinkedQueue<String> violations) {
    List<Change> history = List.copyOf(subject.history);
    int bound = -1;
    for (int i = 0; i < history.size(); i++) {
      if (history.get(i).bindsFrom(observer) <= started) {
        bound = i;
      }
    }
    boolean explained = bound < 0 ? allowed : history.get(bound).allowedAfter == allowed;
    for (int i = bound + 1; i < history.size() && !explained; i++) {
      Change later = history.get(i);
      explained = later.sent <= ended && later.allowedAfter == allowed;
    }
    if (!explained) {
      violations.add(
          (allowed ? "stale ALLOW" : "stale DENY")
              + " of "
              + subject.userId
              + " on instance "
              + observer
              + " after "
              + (bound < 0 ? "no binding change" : history.get(bound).what));
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
}
