package io.warden.adapter.driven.infinispan;

import static org.assertj.core.api.Assertions.assertThat;

import io.warden.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.Test;

/**
 * What time does to an entry of every L1 cache, proven on each one (they share the guard, and each
 * must hand it the feed and the clock): while the invalidation feed is down nothing older than the
 * staleness bound (1 s by default) is served, an entry loaded while the feed was live is not
 * trusted once it is down, and no entry outlives the safety-net lifespan. A subclass builds its
 * cache on {@link #clock} and {@link #feedLive}.
 */
abstract class L1TimingContract {
  static final Instant START = Instant.parse("2026-01-05T09:00:00Z");

  final MutableClock clock = new MutableClock(START);
  final AtomicBoolean feedLive = new AtomicBoolean(true);
  private OneKey key;

  /**
   * One key of the cache under test: {@code read} reads it through the cache, {@code nextCalls}
   * counts the reads that reached the next tier so far.
   */
  record OneKey(Runnable read, IntSupplier nextCalls) {}

  /** The key the timing tests read; one the cache keeps. */
  abstract OneKey oneKey();

  private void readOneKey() {
    key.read().run();
  }

  private int nextCalls() {
    return key.nextCalls().getAsInt();
  }

  @Test
  void while_the_feed_is_down_entries_older_than_the_staleness_bound_are_not_served() {
    key = oneKey();
    feedLive.set(false);
    readOneKey();

    clock.advance(Duration.ofMillis(999));
    readOneKey();
    assertThat(nextCalls()).as("younger than the bound").isEqualTo(1);

    clock.advance(Duration.ofMillis(1));
    readOneKey();
    assertThat(nextCalls()).as("as old as the bound").isEqualTo(2);
    readOneKey();
    assertThat(nextCalls()).as("the replacement is young").isEqualTo(2);

    feedLive.set(true);
    clock.advance(Duration.ofMinutes(5));
    readOneKey();
    assertThat(nextCalls()).as("the feed is live again").isEqualTo(2);
  }

  @Test
  void an_entry_loaded_while_the_feed_was_live_is_not_trusted_once_it_is_down() {
    key = oneKey();
    readOneKey();
    clock.advance(Duration.ofSeconds(30));
    readOneKey();
    assertThat(nextCalls()).isEqualTo(1);

    feedLive.set(false);

    readOneKey();
    assertThat(nextCalls()).isEqualTo(2);
  }

  @Test
  void no_entry_outlives_the_safety_net_lifespan() {
    key = oneKey();
    readOneKey();

    clock.advance(L1Limits.DEFAULT_LIFESPAN.minusNanos(1));
    readOneKey();
    assertThat(nextCalls()).isEqualTo(1);

    clock.advance(Duration.ofNanos(1));
    readOneKey();
    assertThat(nextCalls()).isEqualTo(2);
  }
}
