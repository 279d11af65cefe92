package io.warden.adapter.driven.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.warden.adapter.driven.security.GatedPasswordHasher.Limits;
import io.warden.application.port.driven.Overloaded;
import io.warden.application.port.driven.PasswordHasher;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GatedPasswordHasherTest {
  private static final Duration LONG = Duration.ofSeconds(30);

  private final BlockingHasher inner = new BlockingHasher();
  private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();

  @AfterEach
  void stop() {
    inner.release.countDown();
    threads.shutdownNow();
  }

  @Test
  void a_flood_computes_at_most_permits_hashes_at_once_and_refuses_the_rest_at_once() {
    GatedPasswordHasher gate = new GatedPasswordHasher(inner, new Limits(2, 4, LONG));
    int callers = 200;
    List<Future<Boolean>> results = new ArrayList<>();
    for (int i = 0; i < callers; i++) {
      results.add(threads.submit(() -> gate.verify("password", "hash")));
    }
    // Two compute, four wait, everyone else has been turned away without waiting for a permit.
    await(() -> gate.refused() == callers - 6 && gate.admitted() == 6 && inner.inside.get() == 2);
    // Full: asked before any work (a login, before its database look-up), the gate refuses at once.
    assertThatThrownBy(gate::ensureCapacity).isInstanceOf(Overloaded.class);
    assertThat(gate.refused()).isEqualTo(callers - 5L);

    inner.release.countDown();
    int allowed = 0;
    int refused = 0;
    for (Future<Boolean> result : results) {
      try {
        assertThat(result.get(30, TimeUnit.SECONDS)).isTrue();
        allowed++;
      } catch (java.util.concurrent.ExecutionException e) {
        assertThat(e.getCause()).isInstanceOf(Overloaded.class);
        assertThat(((Overloaded) e.getCause()).retryAfterSeconds()).isPositive();
        refused++;
      } catch (Exception e) {
        throw new AssertionError(e);
      }
    }
    assertThat(allowed).isEqualTo(6);
    assertThat(gate.admitted()).isZero();
    gate.ensureCapacity(); // room again: no refusal
    assertThat(refused).isEqualTo(callers - 6);
    // The memory bound: never more Argon2 states alive than permits.
    assertThat(inner.peak.get()).isEqualTo(2);
    assertThat(gate.admitted()).isZero();
  }

  @Test
  void a_waiting_caller_is_refused_when_no_permit_frees_up_within_the_wait() throws Exception {
    GatedPasswordHasher gate =
        new GatedPasswordHasher(inner, new Limits(1, 5, Duration.ofMillis(20)));
    Future<Boolean> holder = threads.submit(() -> gate.verify("password", "hash"));
    await(() -> inner.inside.get() == 1);

    assertThatThrownBy(() -> gate.verify("other", "hash"))
        .isInstanceOf(Overloaded.class)
        .hasMessage(GatedPasswordHasher.BUSY)
        .satisfies(e -> assertThat(((Overloaded) e).retryAfterSeconds()).isEqualTo(1));

    inner.release.countDown();
    assertThat(holder.get(30, TimeUnit.SECONDS)).isTrue();
    assertThat(gate.admitted()).isZero();
  }

  @Test
  void unknown_e_mails_and_new_hashes_pass_the_same_gate_as_real_verifications() {
    GatedPasswordHasher gate = new GatedPasswordHasher(inner, new Limits(1, 0, LONG));
    threads.submit(() -> gate.verify("password", "hash"));
    await(() -> inner.inside.get() == 1);

    // A refusal must not depend on whether the account exists.
    assertThatThrownBy(() -> gate.verifyDummy("password")).isInstanceOf(Overloaded.class);
    assertThatThrownBy(() -> gate.verify("password", "hash")).isInstanceOf(Overloaded.class);
    assertThatThrownBy(() -> gate.hash("password")).isInstanceOf(Overloaded.class);
    assertThat(gate.refused()).isEqualTo(3);

    inner.release.countDown();
    await(() -> gate.admitted() == 0);
    assertThat(gate.hash("password")).isEqualTo("hashed");
    gate.verifyDummy("password");
    assertThat(inner.calls.get()).isEqualTo(3);
  }

  @Test
  void a_failing_hash_gives_its_permit_back() {
    PasswordHasher failing =
        new PasswordHasher() {
          @Override
          public String hash(String password) {
            throw new IllegalStateException("boom");
          }

          @Override
          public boolean verify(String password, String hash) {
            throw new IllegalStateException("boom");
          }

          @Override
          public void verifyDummy(String password) {}
        };
    GatedPasswordHasher gate = new GatedPasswordHasher(failing, new Limits(1, 0, LONG));
    for (int i = 0; i < 5; i++) {
      assertThatThrownBy(() -> gate.hash("x")).isInstanceOf(IllegalStateException.class);
    }
    gate.verifyDummy("x");
    assertThat(gate.refused()).isZero();
    assertThat(gate.admitted()).isZero();
  }

  @Test
  void an_interrupted_waiter_is_refused_and_keeps_its_interrupt() throws Exception {
    GatedPasswordHasher gate = new GatedPasswordHasher(inner, new Limits(1, 1, LONG));
    threads.submit(() -> gate.verify("password", "hash"));
    await(() -> inner.inside.get() == 1);
    CountDownLatch done = new CountDownLatch(1);
    AtomicInteger outcome = new AtomicInteger();
    Thread waiter =
        Thread.ofVirtual()
            .start(
                () -> {
                  try {
                    gate.verify("password", "hash");
                    outcome.set(1);
                  } catch (Overloaded e) {
                    outcome.set(Thread.currentThread().isInterrupted() ? 2 : 3);
                  }
                  done.countDown();
                });
    await(() -> gate.admitted() == 2);
    waiter.interrupt();

    assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
    assertThat(outcome.get()).isEqualTo(2);
  }

  @Test
  void the_real_argon2_hasher_works_behind_the_gate() {
    GatedPasswordHasher gate =
        new GatedPasswordHasher(
            new Argon2PasswordHasher(new Argon2Settings(64, 1, 1, 16, 32)), Limits.perCore());
    String hash = gate.hash("correct horse battery staple");
    assertThat(gate.verify("correct horse battery staple", hash)).isTrue();
    assertThat(gate.verify("wrong horse battery staple", hash)).isFalse();
  }

  @Test
  void hashes_run_on_platform_threads_so_they_never_pin_a_virtual_threads_carrier()
      throws Exception {
    List<Thread> ranOn = new CopyOnWriteArrayList<>();
    PasswordHasher recording =
        new PasswordHasher() {
          @Override
          public String hash(String password) {
            ranOn.add(Thread.currentThread());
            return "hash";
          }

          @Override
          public boolean verify(String password, String hash) {
            ranOn.add(Thread.currentThread());
            return true;
          }

          @Override
          public void verifyDummy(String password) {
            ranOn.add(Thread.currentThread());
          }
        };
    try (GatedPasswordHasher gate = new GatedPasswordHasher(recording, new Limits(1, 0, LONG))) {
      threads
          .submit(
              () -> {
                gate.hash("p");
                gate.verify("p", "hash");
                gate.verifyDummy("p");
              })
          .get(30, TimeUnit.SECONDS);
    }
    assertThat(ranOn).hasSize(3).noneMatch(Thread::isVirtual);
  }

  @Test
  void on_linux_the_hashing_threads_run_nicer_than_their_caller_which_keeps_its_own_priority()
      throws Exception {
    assumeTrue(Files.isSymbolicLink(Path.of("/proc/thread-self")), "Linux, with procfs");
    assumeTrue(onThePath("renice"), "renice installed");
    int caller = niceOfThisThread();
    // Not an assumption: a gate that lowered its callers would leave this thread at the lowest
    // priority for the tests after it, and must not make them skip.
    assertThat(caller).as("the test thread's nice value").isLessThan(LowPriorityThreads.LOWEST);
    List<Integer> hashingNice = new CopyOnWriteArrayList<>();

    // The production gate, as bootstrap builds it: its own threads, procfs, renice.
    try (GatedPasswordHasher gate =
        new GatedPasswordHasher(recordingNice(hashingNice), new Limits(2, 0, LONG))) {
      assertThat(gate.hash("p")).isEqualTo("hashed");
      assertThat(gate.verify("p", "hashed")).isTrue();
    }

    assertThat(hashingNice)
        .hasSize(2)
        .containsOnly(
            Math.min(LowPriorityThreads.LOWEST, caller + LowPriorityThreads.NICE_INCREMENT));
    // Only the hashing thread was lowered: the caller (a request) keeps its priority.
    assertThat(niceOfThisThread()).isEqualTo(caller);
  }

  @Test
  void where_the_priority_cannot_be_lowered_the_hashes_run_all_the_same() throws Exception {
    boolean linux = Files.isSymbolicLink(Path.of("/proc/thread-self"));
    List<LowPriorityThreads> unable =
        List.of(
            hashingThreads(Path.of("/proc"), "warden-test-no-such-renice"),
            hashingThreads(Path.of("/warden-test-no-such-proc"), "renice"),
            // Runs and fails, or runs and changes nothing: both are found out.
            hashingThreads(Path.of("/proc"), "false"),
            hashingThreads(Path.of("/proc"), "true"));
    for (LowPriorityThreads threads : unable) {
      List<Integer> hashingNice = new CopyOnWriteArrayList<>();
      try (GatedPasswordHasher gate =
          new GatedPasswordHasher(recordingNice(hashingNice), new Limits(1, 0, LONG), threads)) {
        assertThat(gate.hash("p")).isEqualTo("hashed");
        assertThat(gate.verify("p", "hashed")).isTrue();
        gate.verifyDummy("p");
        assertThat(gate.refused()).isZero();
      }
      if (linux) {
        assertThat(hashingNice).hasSize(3).containsOnly(niceOfThisThread());
      }
    }
  }

  @Test
  void limits_are_validated() {
    assertThatThrownBy(() -> new Limits(0, 1, LONG)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Limits(1, -1, LONG)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Limits(1, 1, Duration.ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(Limits.perCore().permits()).isEqualTo(Runtime.getRuntime().availableProcessors());
    assertThat(Limits.defaultPermits(1)).isEqualTo(1);
    assertThat(Limits.defaultPermits(8)).isEqualTo(8);
  }

  @Test
  void retry_after_is_whole_seconds_and_at_least_one() {
    assertThat(new Overloaded("x", Duration.ZERO).retryAfterSeconds()).isEqualTo(1);
    assertThat(new Overloaded("x", Duration.ofMillis(1500)).retryAfterSeconds()).isEqualTo(2);
    assertThat(new Overloaded("x", Duration.ofSeconds(3)).retryAfterSeconds()).isEqualTo(3);
  }

  private static void await(BooleanSupplier condition) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not reached within 30 s");
      }
      try {
        Thread.sleep(2);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  private static LowPriorityThreads hashingThreads(Path proc, String renice) {
    return new LowPriorityThreads(
        Thread.ofPlatform().daemon().name("test-hash-", 1).factory(), proc, renice);
  }

  /** A hasher that notes the nice value of the thread each call runs on (on Linux). */
  private static PasswordHasher recordingNice(List<Integer> nice) {
    return new OnEachCall() {
      @Override
      void onCall() {
        if (Files.isSymbolicLink(Path.of("/proc/thread-self"))) {
          try {
            nice.add(niceOfThisThread());
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }
      }
    };
  }

  /** A hasher that answers "hashed" and true, after running {@link #onCall} for every call. */
  private abstract static class OnEachCall implements PasswordHasher {
    abstract void onCall();

    @Override
    public String hash(String password) {
      onCall();
      return "hashed";
    }

    @Override
    public boolean verify(String password, String hash) {
      onCall();
      return true;
    }

    @Override
    public void verifyDummy(String password) {
      onCall();
    }
  }

  /** The calling thread's nice value, as the kernel shows it to the thread itself. */
  static int niceOfThisThread() throws IOException {
    return LowPriorityThreads.niceIn(Files.readString(Path.of("/proc/thread-self/stat")));
  }

  private static boolean onThePath(String command) {
    return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(":"))
        .filter(dir -> !dir.isEmpty())
        .anyMatch(dir -> Files.isExecutable(Path.of(dir, command)));
  }

  /** Blocks every call until released, counting how many are inside at once. */
  private static final class BlockingHasher extends OnEachCall {
    final CountDownLatch release = new CountDownLatch(1);
    final AtomicInteger inside = new AtomicInteger();
    final AtomicInteger peak = new AtomicInteger();
    final AtomicInteger calls = new AtomicInteger();

    @Override
    void onCall() {
      calls.incrementAndGet();
      peak.accumulateAndGet(inside.incrementAndGet(), Math::max);
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        inside.decrementAndGet();
      }
    }
  }
}
