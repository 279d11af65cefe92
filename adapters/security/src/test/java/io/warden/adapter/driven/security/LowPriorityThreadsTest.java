package io.warden.adapter.driven.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LowPriorityThreadsTest {
  @TempDir Path dir;

  @Test
  void the_nice_value_is_field_19_of_the_stat_line_counted_after_the_threads_name() {
    assertThat(
            LowPriorityThreads.niceIn(
                "14267 (warden-hash-1) R 14223 14223 9994 0 -1 4194304 104 0 0 0 0 0 0 0 20 0 1 0"
                    + " 53331 2998272 382\n"))
        .isZero();
    // priority 30, nice 10; a name may hold spaces and parentheses that look like fields.
    assertThat(
            LowPriorityThreads.niceIn(
                "4242 (a) S 1 2 (b)) S 4200 4200 4200 0 -1 1077936192 5 0 0 0 7 3 0 0 30 10 12 0"
                    + " 99\n"))
        .isEqualTo(10);
  }

  @Test
  void each_thread_renices_itself_by_its_thread_id_and_after_a_failure_later_threads_stop_trying()
      throws Exception {
    assumeTrue(Files.isSymbolicLink(Path.of("/proc/thread-self")), "Linux, with procfs");
    Path calls = dir.resolve("calls");
    Path renice = dir.resolve("refusing-renice");
    Files.writeString(
        renice, "#!/bin/sh\necho \"$@\" >> '" + calls + "'\necho 'renice: not here' >&2\nexit 1\n");
    assertThat(renice.toFile().setExecutable(true)).isTrue();
    LowPriorityThreads threads =
        new LowPriorityThreads(Thread.ofPlatform().factory(), Path.of("/proc"), renice.toString());
    int creator = GatedPasswordHasherTest.niceOfThisThread();
    assertThat(creator).as("the test thread's nice value").isLessThan(LowPriorityThreads.LOWEST);

    List<String> ranOn = new CopyOnWriteArrayList<>();
    for (int i = 0; i < 3; i++) {
      Thread thread = threads.newThread(() -> ranOn.add(threadId()));
      thread.start();
      assertThat(thread.join(Duration.ofSeconds(30))).isTrue();
    }

    // Every thread did its work; only the first asked renice, for its own thread id: not the
    // process's, not its creator's.
    assertThat(ranOn).hasSize(3);
    assertThat(Files.readAllLines(calls))
        .containsExactly(
            Math.min(LowPriorityThreads.LOWEST, creator + LowPriorityThreads.NICE_INCREMENT)
                + " -p "
                + ranOn.get(0));
    assertThat(ranOn.get(0)).isNotEqualTo(threadId());
  }

  private static String threadId() {
    try {
      return String.valueOf(Files.readSymbolicLink(Path.of("/proc/thread-self")).getFileName());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
