package io.warden.adapter.driven.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.ScanArgs;
import io.warden.adapter.driven.redis.testing.CountingEffectivePermissions;
import io.warden.adapter.driven.redis.testing.TestRedis;
import io.warden.application.fake.InMemoryCacheEpochs;
import io.warden.application.port.driven.PermissionSnapshot;
import io.warden.application.port.driving.HealthUseCase.Status;
import io.warden.domain.event.InvalidationScope;
import io.warden.domain.event.InvalidationScope.Everything;
import io.warden.domain.event.InvalidationScope.UserInTenant;
import io.warden.domain.event.InvalidationScope.WholeTenant;
import io.warden.domain.event.InvalidationScope.WholeUser;
import io.warden.domain.model.permission.PermissionSet;
import io.warden.domain.model.tenant.TenantId;
import io.warden.domain.model.user.UserId;
import io.warden.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The L2 decorator against a real Redis ({@link TestRedis}): what it serves, what each invalidation
 * scope removes, and the cache-aside race it must never lose. Every test has its own key prefix, so
 * a shared server is never flushed.
 */
class RedisPermissionCacheTest {
  private static final Duration TTL = Duration.ofMinutes(10);
  private static RedisL2 l2;

  private final MutableClock clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
  private final CountingEffectivePermissions database = new CountingEffectivePermissions();
  private final InMemoryCacheEpochs epochs = new InMemoryCacheEpochs(7);
  private final TenantId t1 = TenantId.random();
  private final TenantId t2 = TenantId.random();
  private final UserId u1 = UserId.random();
  private final UserId u2 = UserId.random();
  private String prefix;
  private L2Keys keys;
  private RedisPermissionCache cache;

  @BeforeAll
  static void connect() {
    l2 =
        RedisL2.connect(
            // Generous: these tests are about correctness; a busy machine must not turn hits into
            // misses (fault tests use the real, short timeouts).
            RedisL2Settings.defaults(TestRedis.uri()).withCommandTimeout(Duration.ofSeconds(5)));
  }

  @AfterAll
  static void close() {
    if (l2 != null) {
      l2.close();
    }
  }

  @BeforeEach
  void setUp() {
    prefix = TestRedis.uniquePrefix();
    keys = new L2Keys(prefix);
    // Epoch 7 was advanced to as every epoch is: its sentinel made before the advance committed.
    sentinel(7);
    cache = instance();
  }

  private void sentinel(long epoch) {
    redisSet(keys.sentinel(epoch), Long.toString(epoch));
  }

  /** Another Warden instance: same Redis, same epochs and database, its own state. */
  private RedisPermissionCache instance() {
    return new RedisPermissionCache(
        database, epochs, clock, l2, new RedisPermissionCache.Options(prefix, TTL));
  }

  private static String redisGet(String key) {
    return l2.execute(redis -> redis.get(key));
  }

  private static long redisExists(String key) {
    return l2.execute(redis -> redis.exists(key));
  }

  private static long redisPttl(String key) {
    return l2.execute(redis -> redis.pttl(key));
  }

  private static void redisSet(String key, String value) {
    l2.execute(redis -> redis.set(key, value));
  }

  @Test
  void a_miss_loads_once_and_then_hits() {
    database.grant(t1, u1, "users.view", "roles.edit");

    PermissionSnapshot first = cache.of(t1, u1);
    PermissionSnapshot second = cache.of(t1, u1);
    PermissionSnapshot fromAnotherInstance = instance().of(t1, u1);

    assertThat(database.singleLoads()).isEqualTo(1);
    // The same set and read instant, now answered by the shared tier.
    assertThat(first.servedBy()).isEqualTo(PermissionSnapshot.DATABASE);
    assertThat(second).isEqualTo(first.servedBy("l2"));
    assertThat(fromAnotherInstance).isEqualTo(first.servedBy("l2"));
    assertThat(second.permissions().allows("roles.edit")).isTrue();
    assertThat(cache.stats()).isEqualTo(new RedisPermissionCache.Stats(1, 1, 0, "CLOSED"));
  }

  @Test
  void an_instance_whose_feed_no_channel_vouches_for_reads_nothing_from_redis() {
    database.grant(t1, u1, "users.view", "roles.edit");
    AtomicBoolean live = new AtomicBoolean(true);
    RedisPermissionCache cutOff =
        new RedisPermissionCache(
            database, epochs, live::get, clock, l2, new RedisPermissionCache.Options(prefix, TTL));
    assertThat(cache.of(t1, u1).permissions().allows("roles.edit")).isTrue();
    // A writer revoked and died before raising the marker: the stored entry is stale.
    database.grant(t1, u1, "users.view");

    assertThat(cutOff.of(t1, u1).permissions().allows("roles.edit"))
        .as("while its feed is live, the instance trusts the markers")
        .isTrue();
    live.set(false);
    assertThat(cutOff.of(t1, u1).permissions().allows("roles.edit"))
        .as("no channel vouches: the database answers")
        .isFalse();
    assertThat(database.singleLoads()).isEqualTo(2);
    assertThat(cutOff.ofAll(t1, List.of(u1)).get(u1).permissions().allows("roles.edit")).isFalse();
  }

  @Test
  void a_strangers_snapshot_is_answered_but_never_stored() {
    database.grant(t1, u1, "users.view");
    List<UserId> strangers = Stream.generate(UserId::random).limit(100).toList();
    strangers.forEach(user -> database.stranger(t1, user));

    for (UserId stranger : strangers) {
      assertThat(cache.of(t1, stranger).cacheable()).isFalse();
    }
    Map<UserId, PermissionSnapshot> batch =
        cache.ofAll(t1, Stream.concat(strangers.stream(), Stream.of(u1)).toList());
    cache.ofAll(t1, strangers);

    assertThat(batch.get(u1).permissions().names()).containsExactly("users.view");
    assertThat(entriesStored()).containsExactly(keys.entry(7, t1, u1));
    for (UserId stranger : strangers) {
      assertThat(redisExists(keys.entry(7, t1, stranger))).isZero();
    }
    assertThat(database.usersLoaded())
        .as("strangers are read from the source every time")
        .isEqualTo(100 + 101 + 100);
  }

  /** Every entry key under this test's prefix (markers aside), by a SCAN of its own namespace. */
  private List<String> entriesStored() {
    return l2.execute(
        redis -> {
          List<String> found = new ArrayList<>();
          ScanArgs match = ScanArgs.Builder.matches(prefix + ":*:p:*").limit(1000);
          KeyScanCursor<String> cursor = redis.scan(match);
          found.addAll(cursor.getKeys());
          while (!cursor.isFinished()) {
            cursor = redis.scan(cursor, match);
            found.addAll(cursor.getKeys());
          }
          return found;
        });
  }

  @Test
  void answers_are_kept_apart_by_tenant_and_user() {
    database.grant(t1, u1, "a.one");
    database.grant(t1, u2, "a.two");
    database.grant(t2, u1, "a.three");

    cache.of(t1, u1);
    cache.of(t1, u2);
    cache.of(t2, u1);
    cache.of(t2, u2);

    assertThat(cache.of(t1, u1).permissions().names()).containsExactly("a.one");
    assertThat(cache.of(t1, u2).permissions().names()).containsExactly("a.two");
    assertThat(cache.of(t2, u1).permissions().names()).containsExactly("a.three");
    assertThat(cache.of(t2, u2).permissions().isEmpty()).isTrue();
    assertThat(database.singleLoads()).isEqualTo(4);
  }

  @Test
  void the_entry_lives_under_a_tenant_first_key_with_the_safety_net_ttl() {
    database.grant(t1, u1, "users.view");

    cache.of(t1, u1);

    String key = keys.entry(7, t1, u1);
    assertThat(key).isEqualTo(prefix + ":{7}:p:" + t1.value() + ":" + u1.value());
    assertThat(redisGet(key)).startsWith(database.version() + "||");
    assertThat(redisPttl(key)).isBetween(1L, TTL.toMillis());
  }

  /**
   * One scope over the tenants t1, t2 and the users u1, u2, and the pairs it covers ("12" is t1
   * with u2); named by {@code name} in the test's display name.
   */
  record ScopeCase(
      String name,
      BiFunction<List<TenantId>, List<UserId>, InvalidationScope> of,
      List<String> invalidated) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<ScopeCase> scopes() {
    return Stream.of(
        scope("UserInTenant(t1,u1)", (t, u) -> new UserInTenant(t.get(0), u.get(0)), "11"),
        scope("WholeTenant(t1)", (t, u) -> new WholeTenant(t.get(0)), "11", "12"),
        scope("WholeUser(u1)", (t, u) -> new WholeUser(u.get(0)), "11", "21"),
        scope("Everything", (t, u) -> new Everything(), "11", "12", "21", "22"));
  }

  private static ScopeCase scope(
      String name,
      BiFunction<List<TenantId>, List<UserId>, InvalidationScope> scope,
      String... invalidated) {
    return new ScopeCase(name, scope, List.of(invalidated));
  }

  /** The case's scope over this test's tenants and users. */
  private InvalidationScope scopeOf(ScopeCase scope) {
    return scope.of().apply(List.of(t1, t2), List.of(u1, u2));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scopes")
  void each_scope_invalidates_what_it_covers_and_nothing_else(ScopeCase covering) {
    List<TenantId> tenants = List.of(t1, t2);
    List<UserId> users = List.of(u1, u2);
    for (TenantId t : tenants) {
      for (UserId u : users) {
        database.grant(t, u, "before.change");
        cache.of(t, u);
      }
    }
    // The change: every pair now holds something else, but only the scope is told.
    for (TenantId t : tenants) {
      for (UserId u : users) {
        database.grant(t, u, "after.change");
      }
    }
    InvalidationScope scope = scopeOf(covering);

    instance().invalidate(scope, database.version());

    for (int t = 0; t < 2; t++) {
      for (int u = 0; u < 2; u++) {
        String pair = "" + (t + 1) + (u + 1);
        String expected = covering.invalidated().contains(pair) ? "after.change" : "before.change";
        assertThat(cache.of(tenants.get(t), users.get(u)).permissions().names())
            .as("pair t%s u%s after %s", t + 1, u + 1, covering)
            .containsExactly(expected);
        assertThat(scope.covers(tenants.get(t), users.get(u)))
            .as("the domain agrees on what %s covers", covering)
            .isEqualTo(covering.invalidated().contains(pair));
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scopes")
  void the_race_a_load_that_read_before_a_change_cannot_store_its_stale_result(ScopeCase covering) {
    database.grant(t1, u1, "before.change");
    RedisPermissionCache other = instance();
    // The load reads the old data; before it stores, another instance commits a change and
    // invalidates its scope.
    database.duringNextLoad(
        () -> {
          long version = database.grant(t1, u1, "after.change");
          other.invalidate(scopeOf(covering), version);
        });

    PermissionSnapshot inFlight = cache.of(t1, u1);

    assertThat(inFlight.permissions().names()).containsExactly("before.change");
    assertThat(redisExists(keys.entry(7, t1, u1))).isZero();
    assertThat(cache.of(t1, u1).permissions().names()).containsExactly("after.change");
    assertThat(other.of(t1, u1).permissions().names()).containsExactly("after.change");
    assertThat(database.singleLoads()).isEqualTo(2);
  }

  @Test
  void the_race_is_also_lost_by_a_bulk_load() {
    database.grant(t1, u1, "before.change");
    database.grant(t1, u2, "untouched");
    database.duringNextLoad(
        () -> instance().invalidate(new UserInTenant(t1, u1), database.grant(t1, u1, "after")));

    cache.ofAll(t1, List.of(u1, u2));

    assertThat(redisExists(keys.entry(7, t1, u1))).as("stale result not stored").isZero();
    assertThat(redisExists(keys.entry(7, t1, u2))).as("unaffected result stored").isOne();
    assertThat(cache.ofAll(t1, List.of(u1, u2)))
        .hasEntrySatisfying(u1, s -> assertThat(s.permissions().names()).containsExactly("after"))
        .hasEntrySatisfying(
            u2, s -> assertThat(s.permissions().names()).containsExactly("untouched"));
    assertThat(database.usersLoaded()).isEqualTo(3);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scopes")
  void an_entry_older_than_a_marker_is_a_miss_even_while_it_is_still_stored(ScopeCase covering) {
    long read = database.grant(t1, u1, "users.view");
    cache.of(t1, u1);
    String entry = redisGet(keys.entry(7, t1, u1));
    instance().invalidate(scopeOf(covering), read + 1);
    // Put the old entry back as if the delete had been lost: the marker alone must refuse it.
    redisSet(keys.entry(7, t1, u1), entry);

    cache.of(t1, u1);

    assertThat(database.singleLoads()).isEqualTo(2);
    assertThat(cache.misses()).isEqualTo(2);
  }

  @Test
  void a_marker_below_the_entry_version_does_not_hide_it() {
    database.touch();
    database.touch();
    long version = database.grant(t1, u1, "users.view");
    cache.of(t1, u1);

    instance().invalidate(new WholeTenant(t1), version - 1);
    instance().invalidate(new WholeUser(u1), version);

    assertThat(cache.of(t1, u1).version()).isEqualTo(version);
    assertThat(database.singleLoads()).isEqualTo(1);
  }

  @Test
  void markers_only_rise_and_outlive_the_entries_they_guard() {
    String marker = keys.tenantMin(7, t1);

    cache.invalidate(new WholeTenant(t1), 9);
    cache.invalidate(new WholeTenant(t1), 5);

    assertThat(redisGet(marker)).isEqualTo("9");
    assertThat(redisPttl(marker)).isGreaterThan(TTL.toMillis());
  }

  @Test
  void user_in_tenant_invalidation_deletes_the_entry() {
    database.grant(t1, u1, "users.view");
    cache.of(t1, u1);

    cache.invalidate(new UserInTenant(t1, u1), database.touch());

    assertThat(redisExists(keys.entry(7, t1, u1))).isZero();
    assertThat(redisGet(keys.pairMin(7, t1, u1))).isEqualTo(Long.toString(database.version()));
  }

  @Test
  void an_older_load_never_overwrites_a_newer_entry() {
    database.grant(t1, u1, "old");
    PermissionSnapshot old = database.of(t1, u1);
    database.grant(t1, u1, "new");
    cache.of(t1, u1);
    String stored = redisGet(keys.entry(7, t1, u1));

    String[] putKeys = {
      keys.sentinel(7),
      keys.globalMin(7),
      keys.tenantMin(7, t1),
      keys.entry(7, t1, u1),
      keys.userMin(7, u1),
      keys.pairMin(7, t1, u1)
    };
    Long written =
        l2.script(
            L2Scripts.PUT,
            io.lettuce.core.ScriptOutputType.INTEGER,
            putKeys,
            Long.toString(old.version()),
            "60000",
            SnapshotCodec.encode(old));

    assertThat(written).isZero();
    assertThat(redisGet(keys.entry(7, t1, u1))).isEqualTo(stored);
  }

  @Test
  void an_expired_snapshot_is_a_miss_and_its_entry_never_outlives_it() {
    Instant until = clock.instant().plus(Duration.ofMinutes(1));
    database.grant(t1, u1, PermissionSet.of("temporary.access"), Optional.of(until));

    cache.of(t1, u1);
    cache.of(t1, u1);
    assertThat(database.singleLoads()).isEqualTo(1);
    assertThat(redisPttl(keys.entry(7, t1, u1))).isBetween(1L, Duration.ofMinutes(1).toMillis());

    clock.advance(Duration.ofMinutes(1));
    cache.of(t1, u1);

    assertThat(database.singleLoads()).isEqualTo(2);
  }

  @Test
  void a_snapshot_already_expired_is_not_stored() {
    database.grant(t1, u1, PermissionSet.of("gone"), Optional.of(clock.instant()));

    cache.of(t1, u1);

    assertThat(redisExists(keys.entry(7, t1, u1))).isZero();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"garbage", "1|x|users.view", "1||Users.View", "1||a,,b", "|", "99||admin!"})
  void a_corrupt_entry_is_a_miss_and_gets_replaced(String corrupt) {
    database.grant(t1, u1, "users.view");
    redisSet(keys.entry(7, t1, u1), corrupt);

    PermissionSnapshot answer = cache.of(t1, u1);

    assertThat(answer.permissions().names()).containsExactly("users.view");
    assertThat(database.singleLoads()).isEqualTo(1);
    assertThat(redisGet(keys.entry(7, t1, u1))).isEqualTo(SnapshotCodec.encode(answer));
  }

  @Test
  void a_corrupt_marker_makes_its_entries_misses() {
    database.grant(t1, u1, "users.view");
    cache.of(t1, u1);
    redisSet(keys.tenantMin(7, t1), "not-a-version");

    cache.of(t1, u1);

    assertThat(database.singleLoads()).isEqualTo(2);
  }

  @Test
  void of_all_reads_in_one_round_trip_loads_misses_in_one_call_and_stores_in_one_script() {
    UserId u3 = UserId.random();
    database.grant(t1, u1, "a.one");
    database.grant(t1, u2, "a.two");
    database.grant(t1, u3, "a.three");
    cache.of(t1, u1);
    long before = l2.scriptCalls();

    Map<UserId, PermissionSnapshot> first = cache.ofAll(t1, List.of(u1, u2, u3, u2));

    assertThat(l2.scriptCalls() - before).as("one read script, one put script").isEqualTo(2);
    assertThat(database.bulkLoads()).isEqualTo(1);
    assertThat(database.usersLoaded()).as("u1 came from Redis").isEqualTo(3);
    assertThat(first).containsOnlyKeys(u1, u2, u3);
    assertThat(first.get(u3).permissions().names()).containsExactly("a.three");

    long warm = l2.scriptCalls();
    Map<UserId, PermissionSnapshot> second = cache.ofAll(t1, List.of(u3, u2, u1));

    assertThat(l2.scriptCalls() - warm).as("all hits: one read script").isEqualTo(1);
    assertThat(database.bulkLoads()).isEqualTo(1);
    assertThat(second.keySet()).isEqualTo(first.keySet());
    first.forEach(
        (user, snapshot) -> assertThat(second.get(user)).isEqualTo(snapshot.servedBy("l2")));
    assertThat(cache.ofAll(t1, List.of())).isEmpty();
  }

  @Test
  void an_instance_learns_an_advanced_epoch_from_an_everything_invalidation() {
    database.grant(t1, u1, "users.view");
    cache.of(t1, u1);
    RedisPermissionCache other = instance();
    epochs.advance(7, this::sentinel);
    long version = database.touch();

    other.invalidate(new Everything(), version);
    cache.invalidate(new Everything(), version);

    assertThat(cache.epoch()).isEqualTo(8);
    assertThat(other.epoch()).isEqualTo(8);
    cache.of(t1, u1);
    assertThat(database.singleLoads()).isEqualTo(2);
    assertThat(redisExists(keys.entry(8, t1, u1))).isOne();
  }

  @Test
  void an_everything_this_instance_saw_protects_it_even_if_the_marker_is_lost() {
    database.grant(t1, u1, "users.view");
    cache.of(t1, u1);
    cache.invalidate(new Everything(), database.touch());
    // The marker vanishes (evicted, or a failover lost the write): the entry looks valid again.
    l2.execute(redis -> redis.del(keys.globalMin(7)));
    assertThat(instance().of(t1, u1).version()).as("an instance that never saw it").isOne();

    cache.of(t1, u1);

    assertThat(database.singleLoads()).isEqualTo(2);
  }

  @Test
  void a_new_instance_starts_in_the_current_epoch() {
    epochs.advance();
    epochs.advance();

    assertThat(instance().epoch()).isEqualTo(9);
  }

  @Test
  void the_health_probe_is_up_and_not_critical() {
    var probe = l2.healthProbe();

    assertThat(probe.name()).isEqualTo("redis");
    assertThat(probe.critical()).isFalse();
    assertThat(probe.probe().status()).isEqualTo(Status.UP);
  }
}
