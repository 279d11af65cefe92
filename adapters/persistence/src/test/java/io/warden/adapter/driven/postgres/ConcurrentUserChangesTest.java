package io.warden.adapter.driven.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.warden.domain.model.tenant.Tenant;
import io.warden.domain.model.user.Email;
import io.warden.domain.model.user.User;
import io.warden.domain.model.user.UserId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * No lost updates on users and tenants, against real PostgreSQL: each change writes only its own
 * columns in one statement, so transactions racing on one row (logout-all, password change,
 * deactivation, profile edit) never undo each other, whatever the order of their reads, writes and
 * commits.
 */
class ConcurrentUserChangesTest extends PostgresTestBase {
  /** Only a guard against a hang (a deadlock would fail the test, not stall the build). */
  private static final long GUARD_SECONDS = 120;

  private ExecutorService threads;

  @Override
  protected int poolSize() {
    return 8;
  }

  @BeforeEach
  void startThreads() {
    threads = Executors.newFixedThreadPool(6);
  }

  @AfterEach
  void stopThreads() {
    threads.shutdownNow();
  }

  private User newUserRow() {
    User user =
        User.create(
            new Email("race-" + UUID.randomUUID() + "@example.com"),
            "Racer",
            "hash-0",
            false,
            START);
    acrossDo(() -> db.users().insert(user));
    return user;
  }

  private User read(UserId id) {
    return across(() -> db.users().findById(id)).orElseThrow();
  }

  /**
   * The shape of a lost update, played deterministically: a password change and deactivation have
   * written the row but not committed; a logout-all then runs and must wait for the row lock (a
   * read-modify-write would already have read the old hash and active flag, and would write them
   * back after the wait); the change commits; the logout-all finishes. Nothing of the change may be
   * lost, and the logout-all's own change must be there too.
   */
  @Test
  void a_logout_all_waiting_behind_a_password_change_and_deactivation_keeps_both()
      throws Exception {
    User user = newUserRow();
    Instant changedAt = START.plusSeconds(30);
    Instant logoutAt = START.plusSeconds(60);

    behindAnUncommittedChange(
        () -> {
          db.users().changePassword(user.id(), "hash-1", changedAt);
          db.users().setActive(user.id(), false, changedAt);
        },
        () -> db.users().voidTokensIssuedBefore(user.id(), logoutAt));

    User after = read(user.id());
    assertThat(after.passwordHash()).isEqualTo("hash-1");
    assertThat(after.active()).isFalse();
    assertThat(after.tokensValidAfter()).isEqualTo(logoutAt);
  }

  @Test
  void a_profile_edit_waiting_behind_a_deactivation_does_not_reactivate_the_user()
      throws Exception {
    User user = newUserRow();

    behindAnUncommittedChange(
        () -> db.users().setActive(user.id(), false, START.plusSeconds(90)),
        () -> db.users().rename(user.id(), "Renamed"));

    User after = read(user.id());
    assertThat(after.active()).isFalse();
    assertThat(after.displayName()).isEqualTo("Renamed");
    assertThat(after.tokensValidAfter()).isEqualTo(START.plusSeconds(90));
  }

  @Test
  void a_logout_all_waiting_behind_a_later_password_change_keeps_the_later_instant()
      throws Exception {
    User user = newUserRow();

    behindAnUncommittedChange(
        () -> db.users().changePassword(user.id(), "hash-2", START.plusSeconds(90)),
        () -> db.users().voidTokensIssuedBefore(user.id(), START.plusSeconds(30)));

    assertThat(read(user.id()).tokensValidAfter()).isEqualTo(START.plusSeconds(90));
    assertThat(read(user.id()).passwordHash()).isEqualTo("hash-2");
  }

  @Test
  void a_tenant_rename_waiting_behind_a_deactivation_does_not_reactivate_it() throws Exception {
    Tenant tenant = Tenant.create("wait-" + UUID.randomUUID().toString().substring(0, 8), "Old");
    acrossDo(() -> db.tenants().insert(tenant));

    behindAnUncommittedChange(
        () -> db.tenants().setActive(tenant.id(), false),
        () -> db.tenants().rename(tenant.id(), "New"));

    Tenant after = across(() -> db.tenants().findById(tenant.id())).orElseThrow();
    assertThat(after.active()).isFalse();
    assertThat(after.name()).isEqualTo("New");
  }

  /**
   * Runs {@code first} in a transaction that stays open, then {@code second} in another one that
   * must wait for {@code first}'s row lock (seen in {@code pg_stat_activity}, not guessed by a
   * sleep), then commits {@code first} and lets {@code second} finish.
   */
  private void behindAnUncommittedChange(Runnable first, Runnable second) throws Exception {
    CountDownLatch written = new CountDownLatch(1);
    CountDownLatch commit = new CountDownLatch(1);
    Future<?> holder =
        threads.submit(
            () ->
                acrossDo(
                    () -> {
                      first.run();
                      written.countDown();
                      await(commit);
                    }));
    await(written);
    long waitingBefore = lockWaiters();
    Future<?> waiter = threads.submit(() -> acrossDo(second));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(GUARD_SECONDS);
    while (lockWaiters() <= waitingBefore) {
      if (waiter.isDone()) {
        waiter.get();
        throw new AssertionError("the second change did not wait for the first one's row lock");
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the second change never waited for the row lock");
      }
      Thread.sleep(5);
    }
    commit.countDown();
    holder.get(GUARD_SECONDS, TimeUnit.SECONDS);
    waiter.get(GUARD_SECONDS, TimeUnit.SECONDS);
  }

  /** Backends of this test's database waiting for a lock. */
  private long lockWaiters() {
    return adminCount(
        "SELECT count(*) FROM pg_stat_activity WHERE datname = '"
            + database.name()
            + "' AND wait_event_type = 'Lock'");
  }

  @Test
  void a_late_logout_all_with_an_earlier_instant_never_moves_tokens_valid_after_back() {
    User user = newUserRow();

    acrossDo(() -> db.users().changePassword(user.id(), "hash-1", START.plusSeconds(90)));
    acrossDo(() -> db.users().voidTokensIssuedBefore(user.id(), START.plusSeconds(30)));

    assertThat(read(user.id()).tokensValidAfter()).isEqualTo(START.plusSeconds(90));
    assertThat(read(user.id()).passwordHash()).isEqualTo("hash-1");
  }

  @Test
  void racing_threads_lose_no_change_of_a_user() throws Exception {
    User user = newUserRow();
    int rounds = 150;
    AtomicLong latestInstant = new AtomicLong();
    CountDownLatch start = new CountDownLatch(1);
    List<Future<?>> racers = new ArrayList<>();
    // One thread per kind of change, so each kind's last write is known: any other final value
    // can only come from a stale row written back.
    racers.add(
        racer(
            start,
            rounds,
            n -> db.users().changePassword(user.id(), "hash-" + n, at(n, latestInstant))));
    racers.add(
        racer(
            start,
            rounds,
            n -> db.users().voidTokensIssuedBefore(user.id(), at(n, latestInstant))));
    racers.add(racer(start, rounds, n -> db.users().rename(user.id(), "Racer " + n)));
    racers.add(
        racer(
            start,
            rounds,
            n -> {
              // Read-then-write in one transaction, the shape that used to lose updates.
              db.users().findById(user.id()).orElseThrow();
              db.users().setActive(user.id(), false, START);
            }));
    start.countDown();
    for (Future<?> racer : racers) {
      racer.get(GUARD_SECONDS, TimeUnit.SECONDS);
    }

    User after = read(user.id());
    assertThat(after.passwordHash()).isEqualTo("hash-" + rounds);
    assertThat(after.displayName()).isEqualTo("Racer " + rounds);
    assertThat(after.active()).isFalse();
    assertThat(after.tokensValidAfter()).isEqualTo(Instant.ofEpochMilli(latestInstant.get()));
  }

  @Test
  void racing_threads_lose_no_change_of_a_tenant() throws Exception {
    Tenant tenant = Tenant.create("race-" + UUID.randomUUID().toString().substring(0, 8), "T 0");
    acrossDo(() -> db.tenants().insert(tenant));
    int rounds = 150;
    CountDownLatch start = new CountDownLatch(1);
    Future<?> renames =
        racer(
            start,
            rounds,
            n -> {
              db.tenants().findById(tenant.id()).orElseThrow();
              db.tenants().rename(tenant.id(), "T " + n);
            });
    Future<?> deactivation = racer(start, rounds, n -> db.tenants().setActive(tenant.id(), false));
    start.countDown();
    renames.get(GUARD_SECONDS, TimeUnit.SECONDS);
    deactivation.get(GUARD_SECONDS, TimeUnit.SECONDS);

    Tenant after = across(() -> db.tenants().findById(tenant.id())).orElseThrow();
    assertThat(after.name()).isEqualTo("T " + rounds);
    assertThat(after.active()).isFalse();
  }

  /**
   * A thread that waits for {@code start}, then makes {@code change} for rounds 1 to {@code
   * rounds}, each in a transaction of its own.
   */
  private Future<?> racer(CountDownLatch start, int rounds, IntConsumer change) {
    return threads.submit(
        () -> {
          await(start);
          for (int i = 1; i <= rounds; i++) {
            int n = i;
            acrossDo(() -> change.accept(n));
          }
        });
  }

  /** A distinct instant for round {@code n}, remembering the latest one handed out. */
  private static Instant at(int n, AtomicLong latest) {
    Instant instant = START.plusMillis(n * 7L + (n % 2) * 3L);
    latest.accumulateAndGet(instant.toEpochMilli(), Math::max);
    return instant;
  }

  private static void await(CountDownLatch latch) {
    try {
      if (!latch.await(GUARD_SECONDS, TimeUnit.SECONDS)) {
        throw new IllegalStateException("the other side never arrived");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
