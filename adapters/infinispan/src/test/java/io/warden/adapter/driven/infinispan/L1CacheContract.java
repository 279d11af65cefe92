package io.warden.adapter.driven.infinispan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.warden.application.port.driven.CacheInvalidation;
import io.warden.application.port.driven.Unavailable;
import io.warden.domain.event.InvalidationScope;
import io.warden.domain.model.tenant.TenantId;
import io.warden.domain.model.user.UserId;
import io.warden.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.infinispan.Cache;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every L1 cache must do whatever it holds, proven on each one (they share the guard, and each
 * must hand it the feed and the clock). Time: while the invalidation feed is down nothing older
 * than the staleness bound (1 s by default) is served, an entry loaded while the feed was live is
 * not trusted once it is down, and no entry outlives the safety-net lifespan. And the rest of the
 * guard's protocol: an invalidation landing between a load's check and its write leaves an entry
 * that misses, the cache holds no more than its maximum of entries, a failing next tier leaves
 * nothing cached, and a closed cache still answers. A subclass builds its cache on {@link #clock}
 * and {@link #feedLive} ({@link #guard}), and keys it with the fixed ids {@link #T1}, {@link #T2}
 * and {@link #U1} to {@link #U4}; the contract starts a cache with the default limits before each
 * test and closes {@link #cache} after it.
 *
 * @param <C> the cache under test
 */
abstract class L1CacheContract<C extends CacheInvalidation & AutoCloseable> {
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

  private final Function<C, CacheStats> statsOf;
  private final Function<C, Cache<?, ?>> storeOf;

  /** {@code statsOf} and {@code storeOf}: a cache's counters and the Infinispan cache behind it. */
  L1CacheContract(Function<C, CacheStats> statsOf, Function<C, Cache<?, ?>> storeOf) {
    this.statsOf = statsOf;
    this.storeOf = storeOf;
  }

  /**
   * One key of the cache under test: {@code read} reads it through the cache, {@code truth} what
   * the next tier answers for it now (without counting a call), {@code nextCalls} counts the reads
   * that reached the next tier so far, {@code failNextCall} makes the next of them fail. An answer
   * is what the cache's callers compare: for permissions the permission set, not the snapshot with
   * its origin and time.
   */
  record OneKey(
      Supplier<Object> read,
      Supplier<Object> truth,
      IntSupplier nextCalls,
      Consumer<RuntimeException> failNextCall) {}

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

  /** Every scope that covers the key of {@link #T1} and {@link #U1}. */
  static Stream<InvalidationScope> scopes_covering_t1_u1() {
    return Stream.of(
        new InvalidationScope.UserInTenant(T1, U1),
        new InvalidationScope.WholeTenant(T1),
        new InvalidationScope.WholeUser(U1),
        new InvalidationScope.Everything());
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

  /**
   * Changes the data behind {@link #oneKey()} so that it answers otherwise, and invalidates a scope
   * covering it, as a committed change would.
   */
  abstract void changeOneKey();

  /**
   * The {@code i}-th of many keys of its own (every third one holding something), made known to the
   * next tier; for the test of the maximum of entries.
   */
  abstract OneKey manyKey(int i);

  /** The counters of {@link #cache}. */
  private CacheStats stats() {
    return statsOf.apply(cache);
  }

  /** The Infinispan cache holding {@link #cache}'s entries, to listen to its writes. */
  private Cache<?, ?> store() {
    return storeOf.apply(cache);
  }

  /**
   * The entry of {@code key}, loaded now, is served until just before {@code expiry} (an assignment
   * in it ending then) and loaded again at it, answering as the next tier then does.
   */
  void assertTheEntryEndsAt(Instant expiry, OneKey key) {
    Object loaded = key.read().get();
    int calls = key.nextCalls().getAsInt();

    clock.set(expiry.minusNanos(1));
    assertThat(key.read().get()).isEqualTo(loaded);
    assertThat(key.nextCalls().getAsInt()).isEqualTo(calls);

    clock.set(expiry);
    assertThat(key.read().get()).isEqualTo(key.truth().get()).isNotEqualTo(loaded);
    assertThat(key.nextCalls().getAsInt()).isEqualTo(calls + 1);
  }

  private void readOneKey() {
    key.read().get();
  }

  /** Fails unless {@code key} is answered through the cache as the next tier answers it now. */
  private static void assertAnswersRight(OneKey key) {
    assertThat(key.read().get()).isEqualTo(key.truth().get());
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

  @Test
  void an_invalidation_landing_between_the_check_and_the_write_leaves_an_entry_that_misses() {
    key = oneKey();
    Object before = key.truth().get();
    AtomicBoolean armed = new AtomicBoolean(true);
    store()
        .addListener(
            new Races.BeforeWrite(
                () -> {
                  if (armed.getAndSet(false)) {
                    changeOneKey();
                  }
                }));

    assertThat(key.read().get()).isEqualTo(before);
    assertThat(armed).isFalse();
    assertThat(stats().size()).as("the old answer was written").isEqualTo(1);

    assertThat(key.read().get()).isEqualTo(key.truth().get()).isNotEqualTo(before);
    assertThat(nextCalls()).isEqualTo(2);
  }

  @Test
  void the_cache_holds_at_most_max_entries() throws Exception {
    cache.close();
    cache = newCache(new L1Limits(50, Duration.ofMinutes(10), Duration.ofSeconds(1)), null);
    List<OneKey> keys = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      OneKey many = manyKey(i);
      keys.add(many);
      many.read().get();
      assertThat(stats().size()).isLessThanOrEqualTo(50);
    }

    assertThat(stats().evictions()).isGreaterThanOrEqualTo(450);
    // Evicted or not, the answer is right.
    keys.forEach(L1CacheContract::assertAnswersRight);
    assertThat(stats().size()).isLessThanOrEqualTo(50);
  }

  @Test
  void a_failing_next_tier_fails_the_call_and_leaves_nothing_cached() {
    key = oneKey();
    key.failNextCall().accept(new Unavailable("database down"));

    assertThatThrownBy(this::readOneKey).isInstanceOf(Unavailable.class);

    assertAnswersRight(key);
    assertThat(nextCalls()).isEqualTo(2);
  }

  @Test
  void a_closed_cache_still_answers_from_the_next_tier() throws Exception {
    key = oneKey();
    readOneKey();
    cache.close();

    assertAnswersRight(key);
    cache.invalidate(new InvalidationScope.Everything(), 1);
    assertThat(nextCalls()).isEqualTo(2);
  }
}
