package io.warden.adapter.driven.infinispan;

import static org.assertj.core.api.Assertions.assertThat;

import io.warden.domain.model.tenant.TenantId;
import io.warden.domain.model.user.UserId;
import io.warden.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What time does to an entry of every L1 cache, proven on each one (they share the guard, and each
 * must hand it the feed and the clock): while the invalidation feed is down nothing older than the
 * staleness bound (1 s by default) is served, an entry loaded while the feed was live is not
 * trusted once it is down, and no entry outlives the safety-net lifespan. A subclass builds its
 * cache on {@link #clock} and {@link #feedLive} ({@link #guard}), and keys it with the fixed ids
 * {@link #T1}, {@link #T2} and {@link #U1} to {@link #U4}; the contract starts a cache with the
 * default limits before each test and closes {@link #cache} after it.
 *
 * @param <C> the cache under test
 */
abstract class L1TimingContract<C extends AutoCloseable> {
  static final Instant START = Instant.parse("2026-01-05T09:00:00Z");
  static final TenantId T1 = new TenantId(new UUID(0x7e1a, 1));
  static final TenantId T2 = new TenantId(new UUID(0x7e1a, 2));
  static final UserId U1 = new UserId(new UUID(0x05e7, 1));
  static final UserId U2 = new UserId(new UUID(0x05e7, 2));
  static final UserId U3 = new UserId(new UUID(0x05e7, 3));
  static final UserId U4 = new UserId(new UUID(0x05e7, 4));

  final MutableClock clock = new MutableClock(START);
  final AtomicBoolean feedLive = new AtomicBoolean(true);

  /** For the tests that race loads against invalidations; stopped after each test. */
  final ExecutorService pool = Executors.newFixedThreadPool(8);

  /** The cache under test; a test may close it and put another in its place. */
  C cache;

  private OneKey key;

  /**
   * One key of the cache under test: {@code read} reads it through the cache, {@code nextCalls}
   * counts the reads that reached the next tier so far.
   */
  record OneKey(Runnable read, IntSupplier nextCalls) {}

  /**
   * The tests that check an invalidation leaves other keys alone use the fixed ids, which share no
   * generation stripe; with random ids a rare collision would make them miss (correctly) and fail.
   */
  @BeforeAll
  static void fixture_ids_share_no_generation_stripe() {
    InvalidationGenerations stripes = new InvalidationGenerations();
    List<TenantId> tenants = List.of(T1, T2);
    List<UserId> users = List.of(U1, U2, U3, U4);
    assertThat(tenants.stream().map(stripes::tenantStripe).distinct()).hasSize(2);
    assertThat(users.stream().map(stripes::userStripe).distinct()).hasSize(4);
    assertThat(
            tenants.stream()
                .flatMap(t -> users.stream().map(u -> stripes.pairStripe(t, u)))
                .distinct())
        .hasSize(8);
  }

  /**
   * A cache guarded by {@code generations}, or by generations of its own where that is {@code
   * null}.
   */
  abstract C newCache(L1Limits limits, InvalidationGenerations generations);

  /** The guard of a cache on {@link #clock} and {@link #feedLive}. */
  L1Guard guard(L1Limits limits, InvalidationGenerations generations) {
    return new L1Guard(feedLive::get, clock, limits, generations, Optional.empty());
  }

  @BeforeEach
  void startCache() {
    cache = newCache(L1Limits.defaults(), new InvalidationGenerations());
  }

  @AfterEach
  void stopCache() throws Exception {
    pool.shutdownNow();
    cache.close();
  }

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
