package io.warden.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

class StartUpPhasesTest {
  /** Fields 3..21 of a stat line, then starttime (field 22) = 12,345 ticks, then the rest. */
  private static final String TAIL =
      "S 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 12345 99 98 97";

  @Test
  void launch_is_the_process_start_tick_against_the_uptime_to_ten_milliseconds() {
    assertThat(StartUpPhases.sinceLaunch("4242 (java) " + TAIL, "125.00 300.10\n"))
        .contains(Duration.ofMillis(1_550));
  }

  @Test
  void a_command_name_with_spaces_and_parentheses_does_not_shift_the_fields() {
    assertThat(StartUpPhases.sinceLaunch("4242 (my (odd) name) " + TAIL, "123.46 1.00"))
        .contains(Duration.ofMillis(10));
  }

  @Test
  void a_start_after_the_uptime_read_claims_nothing() {
    assertThat(StartUpPhases.sinceLaunch("1 (x) " + TAIL, "100.00 1.00")).isEmpty();
  }

  @Test
  @EnabledOnOs(OS.LINUX)
  void this_process_was_launched_just_before_its_jvm_started_not_a_second_earlier() {
    long jvmUptime = ManagementFactory.getRuntimeMXBean().getUptime();
    Optional<Duration> launch = StartUpPhases.sinceLaunch();
    long after = ManagementFactory.getRuntimeMXBean().getUptime();
    assertThat(launch).isPresent();
    // The process exists before its JVM does (10 ms ticks), and the exec of `java` comes right
    // before the JVM's start; ProcessHandle's launch instant, rounded to the boot second, was up to
    // a second early.
    assertThat(launch.get().toMillis()).isBetween(jvmUptime - 20, after + 500);
  }
}
