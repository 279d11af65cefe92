package io.warden.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A part started beside the phases runs on another thread, is handed over once, is stopped by the
 * start's resources only when nobody took it, and its failure reaches the start where it takes it.
 */
class StartedBesideTest {
  private final List<String> closed = new CopyOnWriteArrayList<>();
  private final StartUpPhases phases = StartUpPhases.begin();

  @Test
  void it_runs_on_a_thread_of_its_own_and_the_taker_gets_what_it_started() {
    StartedBeside<String> part =
        StartedBeside.begin("manager", () -> Thread.currentThread().getName(), closed::add, phases);

    assertThat(part.take()).isEqualTo("warden-start-manager");
  }

  @Test
  void taking_waits_for_a_start_that_is_not_done_yet() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    StartedBeside<String> part = startedOnRelease("slow", release);
    Thread taker = Thread.ofPlatform().start(part::take);

    assertThat(taker.join(Duration.ofMillis(200))).as("still waiting").isFalse();
    release.countDown();
    assertThat(taker.join(Duration.ofSeconds(10))).isTrue();
  }

  @Test
  void closing_stops_what_nobody_took_after_its_start_ends() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    StartedBeside<String> part = startedOnRelease("client", release);
    FutureTask<Void> closing =
        new FutureTask<>(
            () -> {
              part.close();
              return null;
            });
    Thread.ofPlatform().start(closing);

    release.countDown();
    closing.get(10, TimeUnit.SECONDS);
    assertThat(closed).containsExactly("client");
  }

  @Test
  void what_was_taken_belongs_to_the_taker_and_closing_leaves_it_alone() throws Exception {
    StartedBeside<String> part = StartedBeside.begin("manager", () -> "m", closed::add, phases);

    part.take();
    part.close();

    assertThat(closed).isEmpty();
  }

  @Test
  void a_failed_start_fails_the_taker_with_its_own_exception_and_closing_has_nothing_to_stop()
      throws Exception {
    StartedBeside<String> part =
        StartedBeside.begin(
            "broken",
            () -> {
              throw new IllegalStateException("no cache manager");
            },
            closed::add,
            phases);

    assertThatThrownBy(part::take)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("no cache manager");
    part.close();
    assertThat(closed).isEmpty();
  }

  @Test
  void the_phases_summary_lists_each_part_with_its_own_duration_after_the_phases() {
    StartedBeside.begin("redis client", () -> "r", closed::add, phases).take();
    phases.done("database (schema current)");

    assertThat(phases.summary())
        .matches(
            "Ready .*database \\(schema current\\) \\d+ ms; beside them: redis client \\d+ ms");
  }

  /** A part named {@code name} whose start returns its name once {@code release} opens. */
  private StartedBeside<String> startedOnRelease(String name, CountDownLatch release) {
    return StartedBeside.begin(
        name,
        () -> {
          await(release);
          return name;
        },
        closed::add,
        phases);
  }

  private static void await(CountDownLatch latch) {
    try {
      assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
