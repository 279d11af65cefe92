package io.warden.bootstrap.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.warden.application.port.driven.EffectivePermissions;
import io.warden.bootstrap.cache.ChangeHistory.Change;
import io.warden.bootstrap.cache.ChangeHistory.Subject;
import io.warden.bootstrap.testing.WardenInstance;
import io.warden.domain.model.tenant.TenantId;
import io.warden.domain.model.user.UserId;
import java.time.Duration;
import java.util.ArrayList;
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
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Two instances of one service; reader threads load permissions through both instances' permission
 * chains (L1 → L2 → PostgreSQL, one user at a time and in batches) while writer threads grant,
 * revoke, assign and unassign through both instances' HTTP APIs. Every observation is judged
 * against the history of changes: once a change has been answered, its own instance must never
 * answer an older state again, and the other instance must not from one staleness bound later. Any
 * observation that shows a state no change in force at that moment could explain is a stale allow
 * (or a stale deny) and fails the test; so does any instance that has not settled on the final
 * state once the writers stop.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConcurrentRevocationRaceTest {
  private static final Duration STALENESS_BOUND = Duration.ofSeconds(1);
  private static final int USERS = 8;
  private static final int CHANGES_PER_WRITER = 80;
  private static final int READERS_PER_INSTANCE = 2;
  private static final Duration SETTLE_DEADLINE = STALENESS_BOUND.multipliedBy(5);

  private final List<WardenInstance> instances = new ArrayList<>();
  private final List<Operator> operators = new ArrayList<>();
  private TenantId tenantId;
  private String permission;
  private final List<Subject> subjects = new ArrayList<>();

  @BeforeAll
  void startTwoInstances() {
    WardenInstance.Shared shared = WardenInstance.Shared.fresh();
    Map<String, String> env =
        Map.of(
            "WARDEN_RATE_API_PER_MINUTE",
            "100000000",
            "WARDEN_CACHE_STALENESS_BOUND_MS",
            Long.toString(STALENESS_BOUND.toMillis()));
    for (int i = 0; i < 2; i++) {
      WardenInstance instance = WardenInstance.start(shared, env);
      instances.add(instance);
      operators.add(new Operator(instance.client()));
    }
    List<Operator.Holder> holders = operators.get(0).newHolders("race", USERS);
    tenantId = holders.getFirst().tenantId();
    permission = holders.getFirst().permission();
    for (Operator.Holder holder : holders) {
      subjects.add(new Subject(holder, null));
    }
  }

  @AfterAll
  void stop() {
    for (WardenInstance instance : instances) {
      instance.close();
    }
  }

  @Test
  void no_instance_ever_answers_a_state_older_than_its_bound_allows() throws Exception {
    AtomicBoolean writing = new AtomicBoolean(true);
    ConcurrentLinkedQueue<String> violations = new ConcurrentLinkedQueue<>();
    AtomicLong observations = new AtomicLong();
    AtomicLong allowedSeen = new AtomicLong();
    AtomicLong deniedSeen = new AtomicLong();
    List<Future<?>> readers = new ArrayList<>();
    List<Future<?>> writers = new ArrayList<>();
    try (ExecutorService threads = Executors.newCachedThreadPool()) {
      for (int instance = 0; instance < 2; instance++) {
        for (int r = 0; r < READERS_PER_INSTANCE; r++) {
          int observer = instance;
          long seed = 31L * instance + r;
          readers.add(
              threads.submit(
                  () ->
                      read(
                          observer,
                          seed,
                          writing,
                          violations,
                          observations,
                          allowedSeen,
                          deniedSeen)));
        }
      }
      for (int w = 0; w < 2; w++) {
        int writer = w;
        writers.add(threads.submit(() -> write(writer)));
      }
      try {
        for (Future<?> done : writers) {
          done.get(5, TimeUnit.MINUTES);
        }
      } finally {
        writing.set(false);
      }
      for (Future<?> done : readers) {
        done.get(1, TimeUnit.MINUTES);
      }
    }

    System.out.printf(
        "Race: %d observations judged (%d allowed, %d denied) against %d changes%n",
        observations.get(), allowedSeen.get(), deniedSeen.get(), 2 * CHANGES_PER_WRITER);
    assertThat(violations).as("stale answers").isEmpty();
    assertThat(observations.get()).as("observations judged").isGreaterThan(1_000);
    assertThat(allowedSeen.get()).as("allowed observations").isPositive();
    assertThat(deniedSeen.get()).as("denied observations").isPositive();
    assertEveryInstanceSettlesOnTheFinalState();
  }

  /** One writer: changes for its own half of the subjects, each through a random instance. */
  private void write(int writer) {
    Random random = new Random(1_000 + writer);
    List<Subject> mine = new ArrayList<>();
    for (int i = writer; i < subjects.size(); i += 2) {
      mine.add(subjects.get(i));
    }
    for (int n = 0; n < CHANGES_PER_WRITER; n++) {
      Subject subject = mine.get(random.nextInt(mine.size()));
      int instance = random.nextInt(2);
      subject.changeAtRandom(random, instance, operators.get(instance));
    }
  }

  /** One reader on one instance's permission chain, until the writers are done. */
  private void read(
      int observer,
      long seed,
      AtomicBoolean writing,
      ConcurrentLinkedQueue<String> violations,
      AtomicLong observations,
      AtomicLong allowedSeen,
      AtomicLong deniedSeen) {
    EffectivePermissions chain = instances.get(observer).components().permissions();
    Random random = new Random(seed);
    List<UserId> everyone = subjects.stream().map(s -> s.userId).toList();
    for (long n = 0; writing.get(); n++) {
      long started = System.nanoTime();
      if (n % 4 == 3) {
        var answers = chain.ofAll(tenantId, everyone);
        long ended = System.nanoTime();
        for (Subject subject : subjects) {
          boolean allowed = answers.get(subject.userId).permissions().allows(permission);
          judge(subject, observer, allowed, started, ended, violations);
          (allowed ? allowedSeen : deniedSeen).incrementAndGet();
          observations.incrementAndGet();
        }
      } else {
        Subject subject = subjects.get(random.nextInt(subjects.size()));
        boolean allowed = chain.of(tenantId, subject.userId).permissions().allows(permission);
        long ended = System.nanoTime();
        judge(subject, observer, allowed, started, ended, violations);
        (allowed ? allowedSeen : deniedSeen).incrementAndGet();
        observations.incrementAndGet();
      }
      // Leave the writers, the listeners and the servers some of the two cores.
      LockSupport.parkNanos(50_000);
    }
  }

  /**
   * An answer asked at {@code started} and got at {@code ended} is explained if it is the state
   * after the latest change that binds the observer at {@code started} (the initial state if none
   * does), or after any later change already sent by {@code ended}.
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
      if (history.get(i).bindsFrom(observer, STALENESS_BOUND) <= started) {
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
          subject.staleAnswer(allowed, observer)
              + " after "
              + (bound < 0 ? "no binding change" : history.get(bound).what));
    }
  }

  private void assertEveryInstanceSettlesOnTheFinalState() throws InterruptedException {
    long deadline = System.nanoTime() + SETTLE_DEADLINE.toNanos();
    for (WardenInstance instance : instances) {
      for (Subject subject : subjects) {
        while (instance
                .components()
                .permissions()
                .of(tenantId, subject.userId)
                .permissions()
                .allows(permission)
            != subject.allowed()) {
          assertThat(System.nanoTime())
              .as("instance settled on the final state of %s", subject.userId)
              .isLessThan(deadline);
          Thread.sleep(5);
        }
        assertThat(
                instance
                    .components()
                    .persistence()
                    .effectivePermissions()
                    .of(tenantId, subject.userId)
                    .permissions()
                    .allows(permission))
            .as("the database agrees with the writers' model")
            .isEqualTo(subject.allowed());
      }
    }
  }
}
