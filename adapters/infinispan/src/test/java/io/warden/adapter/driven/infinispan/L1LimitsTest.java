package io.warden.adapter.driven.infinispan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The one set of limits the permission, session-state and user-context L1 caches are built with.
 */
class L1LimitsTest {

  @Test
  void rejects_limits_that_make_no_sense() {
    assertThatThrownBy(() -> new L1Limits(0, Duration.ofMinutes(1), Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxEntries");
    assertThatThrownBy(() -> new L1Limits(-1, Duration.ofMinutes(1), Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxEntries");
    assertThatThrownBy(() -> new L1Limits(10, Duration.ZERO, Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("lifespan");
    // Infinispan counts lifespans in milliseconds: anything shorter would round to "no lifespan".
    assertThatThrownBy(() -> new L1Limits(10, Duration.ofNanos(999_999), Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("lifespan");
    assertThatThrownBy(() -> new L1Limits(10, Duration.ofMinutes(1), Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("stalenessBound");
    assertThatThrownBy(() -> new L1Limits(10, null, Duration.ofSeconds(1)))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> new L1Limits(10, Duration.ofMinutes(1), null))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void accepts_the_smallest_limits_that_make_sense() {
    L1Limits smallest = new L1Limits(1, Duration.ofMillis(1), Duration.ZERO);

    assertThat(smallest.maxEntries()).isEqualTo(1);
    assertThat(smallest.lifespan()).isEqualTo(Duration.ofMillis(1));
    assertThat(smallest.stalenessBound()).isEqualTo(Duration.ZERO);
  }

  @Test
  void defaults_are_100_000_entries_10_minutes_and_1_second() {
    assertThat(L1Limits.defaults())
        .isEqualTo(new L1Limits(100_000, Duration.ofMinutes(10), Duration.ofSeconds(1)))
        .isEqualTo(
            new L1Limits(
                L1Limits.DEFAULT_MAX_ENTRIES,
                L1Limits.DEFAULT_LIFESPAN,
                L1Limits.DEFAULT_STALENESS_BOUND));
  }
}
