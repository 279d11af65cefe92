package io.warden.adapter.driven.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.warden.adapter.driven.redis.testing.CountingEffectivePermissions;
import io.warden.adapter.driven.redis.testing.RedisProcess;
import io.warden.adapter.driven.redis.testing.TestRedis;
import io.warden.application.fake.InMemoryCacheEpochs;
import io.warden.application.port.driven.PermissionSnapshot;
import io.warden.application.port.driving.HealthUseCase.Status;
import io.warden.domain.event.InvalidationScope.UserInTenant;
import io.warden.domain.model.tenant.TenantId;
import io.warden.domain.model.user.UserId;
import io.warden.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Redis dies, hangs, or is absent at start-up — a real {@code redis-server} of this test's own
 * ({@link RedisProcess}). Answers must stay right, calls must end at the command timeout, the
 * breaker must open, and when Redis comes back everything must recover by itself.
 */
class RedisFaultTest {
  /** A generous bound for "returned at about the timeout": it proves no 60 s wait, nothing more. */
  private static final Duration SANITY = Duration.ofSeconds(3);

  private static final Duration POLL_LIMIT = Duration.ofSeconds(30);

  private final MutableClock clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
  private final CountingEffectivePermissions database = new CountingEffectivePermissions();
  private final InMemoryCacheEpochs epochs = new InMemoryCacheEpochs(7);
  private final TenantId tenant = TenantId.random();
  private final UserId user = UserId.random();
  private final String prefix = TestRedis.uniquePrefix();
  private final List<AutoCloseable> resources = new ArrayList<>();
  private RedisProcess redis;

  @BeforeEach
  void startRedis() {
    redis = RedisProcess.start();
    resources.add(redis);
    // Epoch 7 was advanced to as every epoch is: its sentinel made before the advance committed.
    redis.command("SET", new L2Keys(prefix).sentinel(7), "7");
  }

  @AfterEach
  void stopEverything() throws Exception {
    for (int i = resources.size() - 1; i >= 0; i--) {
      resources.get(i).close();
    }
  }

  /** Short timeouts and a breaker that opens after 4 calls and tries again after 300 ms. */
  private RedisL2 connect(Duration commandTimeout) {
    RedisL2 l2 =
        RedisL2.connect(
            RedisL2Settings.defaults(redis.uri())
                .withCommandTimeout(commandTimeout)
                .withConnectTimeout(Duration.ofMillis(300))
                .withMaxReconnectDelay(Duration.ofMillis(100))
                .withBreaker(50f, 4, 4, Duration.ofMillis(300), 2));
    resources.add(l2);
    return l2;
  }

  private RedisPermissionCache cache(RedisL2 l2) {
    return new RedisPermissionCache(
        database,
        epochs,
        clock,
        l2,
        new RedisPermissionCache.Options(prefix, Duration.ofMinutes(10)));
  }

  @Test
  void redis_killed_answers_stay_right_the_breaker_opens_and_recovery_needs_no_one() {
    RedisL2 l2 = connect(Duration.ofMillis(200));
    RedisPermissionCache cache = cache(l2);
    database.grant(tenant, user, "users.view");
    awaitHit(cache);

    redis.kill();

    for (int i = 0; i < 8; i++) {
      assertThat(timed(() -> cache.of(tenant, user)).permissions().names())
          .containsExactly("users.view");
    }
    assertThat(cache.breakerState()).isEqualTo("OPEN");
    assertThat(l2.healthProbe().probe().status()).isEqualTo(Status.DOWN);
    long loadsWhileDown = database.singleLoads();

    // A change while Redis is away is still answered right, from the database.
    database.grant(tenant, user, "users.view", "roles.edit");
    assertThat(cache.of(tenant, user).permissions().names())
        .containsExactly("roles.edit", "users.view");
    assertThat(database.singleLoads()).isEqualTo(loadsWhileDown + 1);

    redis.restart();

    poll(
        "breaker closes again",
        () -> {
          cache.of(tenant, user);
          return cache.breakerState().equals("CLOSED");
        });
    awaitHit(cache);
    assertThat(cache.of(tenant, user).permissions().names())
        .containsExactly("roles.edit", "users.view");
    assertThat(l2.healthProbe().probe().status()).isEqualTo(Status.UP);
    assertThat(redis.calls("eval"))
        .as("the restarted server had forgotten the scripts")
        .isPositive();
  }

  @Test
  void redis_hanging_times_out_at_the_default_timeout_and_falls_back() {
    // The default command timeout (50 ms), not a test-friendly one.
    RedisL2 l2 =
        RedisL2.connect(
            RedisL2Settings.defaults(redis.uri())
                .withMaxReconnectDelay(Duration.ofMillis(100))
                .withBreaker(50f, 4, 4, Duration.ofMillis(300), 2));
    resources.add(l2);
    RedisPermissionCache cache = cache(l2);
    database.grant(tenant, user, "users.view");
    awaitHit(cache);

    redis.freeze();
    try {
      for (int i = 0; i < 6; i++) {
        assertThat(timed(() -> cache.of(tenant, user)).permissions().names())
            .containsExactly("users.view");
      }
      assertThat(cache.errors()).isPositive();
      assertThat(cache.breakerState()).isEqualTo("OPEN");
    } finally {
      redis.thaw();
    }

    poll(
        "breaker closes after the hang",
        () -> {
          cache.of(tenant, user);
          return cache.breakerState().equals("CLOSED");
        });
    awaitHit(cache);
  }

  @Test
  void redis_absent_at_start_up_is_no_error_and_is_used_once_it_appears() {
    redis.stop();
    RedisL2 l2 = connect(Duration.ofMillis(200));
    RedisPermissionCache cache = cache(l2);
    database.grant(tenant, user, "users.view");

    assertThat(timed(() -> cache.of(tenant, user)).permissions().names())
        .containsExactly("users.view");
    assertThat(l2.connected()).isFalse();

    redis.restart();

    awaitHit(cache);
    assertThat(l2.connected()).isTrue();
  }

  @Test
  void entries_evicted_while_redis_was_away_are_never_served_when_it_returns() {
    RedisL2 l2 = connect(Duration.ofMillis(200));
    RedisPermissionCache writer = cache(l2);
    RedisPermissionCache listener = cache(l2);
    epochs.announceTo(writer, database::touch);
    epochs.announceTo(listener, database::touch);
    database.grant(tenant, user, "admin.everything");
    awaitHit(writer);
    String oldKey = new L2Keys(prefix).entry(7, tenant, user);
    String oldEntry = (String) redis.command("GET", oldKey);

    redis.kill();
    long change = database.grant(tenant, user, "users.view");
    writer.invalidate(new UserInTenant(tenant, user), change);

    assertThat(epochs.advances()).isEqualTo(1);
    assertThat(writer.epoch()).isEqualTo(8);
    assertThat(listener.epoch()).isEqualTo(8);

    // Redis comes back with its old data (persistence, or a replica promoted): the entry the
    // eviction never reached is still there, and nothing in epoch 7 says it is stale.
    redis.restart();
    redis.command("SET", oldKey, oldEntry);
    redis.command("SET", new L2Keys(prefix).sentinel(7), "7");
    RedisPermissionCache unaware =
        new RedisPermissionCache(
            database,
            new InMemoryCacheEpochs(7),
            clock,
            l2,
            new RedisPermissionCache.Options(prefix, Duration.ofMinutes(10)));
    poll(
        "an instance still in epoch 7 would serve the stale entry",
        () -> {
          return unaware.of(tenant, user).permissions().allows("admin.everything");
        });

    for (RedisPermissionCache instance : List.of(writer, listener, cache(l2))) {
      poll(
          "breaker closes",
          () -> {
            instance.of(tenant, user);
            return instance.breakerState().equals("CLOSED");
          });
      PermissionSnapshot answer = instance.of(tenant, user);
      assertThat(answer.permissions().names()).containsExactly("users.view");
    }
    // Epoch 8 was advanced to while Redis was away, so without a sentinel: the first read that
    // reached Redis in it found it lost and moved every instance on once more.
    assertThat(epochs.advances()).isEqualTo(2);
    assertThat(redis.command("EXISTS", new L2Keys(prefix).entry(9, tenant, user))).isEqualTo(1L);
  }

  @Test
  void of_all_is_one_script_on_the_server_for_fifty_users() {
    RedisL2 l2 = connect(Duration.ofSeconds(2));
    RedisPermissionCache cache = cache(l2);
    List<UserId> users = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      UserId member = UserId.random();
      users.add(member);
      database.grant(tenant, member, "users.view");
    }
    cache.ofAll(tenant, users);
    redis.resetStats();

    cache.ofAll(tenant, users);

    assertThat(redis.calls("evalsha")).isEqualTo(1);
    assertThat(redis.calls("eval")).isZero();
    assertThat(database.bulkLoads()).isEqualTo(1);
  }

  private PermissionSnapshot timed(java.util.function.Supplier<PermissionSnapshot> call) {
    long started = System.nanoTime();
    PermissionSnapshot answer = call.get();
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(SANITY);
    return answer;
  }

  /** Polls until an answer comes from Redis (the database is not asked). */
  private void awaitHit(RedisPermissionCache cache) {
    poll(
        "an L2 hit",
        () -> {
          long before = cache.hits();
          cache.of(tenant, user);
          return cache.hits() > before;
        });
  }

  private static void poll(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + POLL_LIMIT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("gave up waiting for: " + what);
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted waiting for: " + what, e);
      }
    }
  }
}
