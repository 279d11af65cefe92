package io.warden.adapter.driven.infinispan;

import static org.assertj.core.api.Assertions.assertThat;

import io.warden.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
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

  /** Makes the key {@link #readOneKey} reads one that the cache keeps; nothing by default. */
  void givenOneKey() {}

  /** Reads one key through the cache under test. */
  abstract void readOneKey();

  /** The reads of that key that reached the next tier so far. */
  abstract int nextCalls();

  @Test
  void while_the_feed_is_down_entries_older_than_the_staleness_bound_are_not_served() {
    givenOneKey();
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
    givenOneKey();
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
    givenOneKey();
    readOneKey();

    clock.advance(L1Limits.DEFAULT_LIFESPAN.minusNanos(1));
    readOneKey();
    assertThat(nextCalls()).isEqualTo(1);

    clock.advance(Duration.ofNanos(1));
    readOneKey();
    assertThat(nextCalls()).isEqualTo(2);
  }
}
