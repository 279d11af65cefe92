package io.warden.adapter.driven.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.warden.adapter.driven.redis.testing.CountingEffectivePermissions;
import io.warden.adapter.driven.redis.testing.RedisProcess;
import io.warden.application.fake.InMemoryCacheEpochs;
import io.warden.application.port.driven.PermissionSnapshot;
import io.warden.domain.event.InvalidationScope.UserInTenant;
import io.warden.domain.model.tenant.TenantId;
import io.warden.domain.model.user.UserId;
import io.warden.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Window W9 of {@code docs/invalidation-outages.md}: Redis losing its data (restarted empty, a
 * failover to a replica that lacks the latest writes) takes the min-version markers of changes
 * already answered with it. Each epoch's sentinel, made only by whoever advances to the epoch,
 * tells the scripts so: a lost epoch is never read nor written again, and the instance that finds
 * it lost moves everyone to a new one. On a {@code redis-server} of its own ({@link RedisProcess}).
 */
class RedisLostDataTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
  private final CountingEffectivePermissions database = new CountingEffectivePermissions();
  private final InMemoryCacheEpochs epochs = new InMemoryCacheEpochs(7);
  private final TenantId tenant = TenantId.random();
  private final UserId user = UserId.random();
  private final L2Keys keys = new L2Keys("lost");
  private RedisProcess redis;
  private RedisL2 l2;

  @BeforeEach
  void start() {
    redis = RedisProcess.start();
    // Epoch 7 was advanced to as every epoch is: its sentinel made before the advance committed.
    redis.command("SET", keys.sentinel(7), "7");
    l2 =
        RedisL2.connect(
            RedisL2Settings.defaults(redis.uri())
                .withCommandTimeout(Duration.ofSeconds(2))
                .withConnectTimeout(Duration.ofMillis(300))
                .withMaxReconnectDelay(Duration.ofMillis(100))
                .withBreaker(50f, 4, 4, Duration.ofMillis(300), 2));
  }

  @AfterEach
  void stop() {
    l2.close();
    redis.close();
  }

  private RedisPermissionCache instance() {
    RedisPermissionCache cache =
        new RedisPermissionCache(
            database,
            epochs,
            clock,
            l2,
            new RedisPermissionCache.Options("lost", Duration.ofMinutes(10)));
    epochs.announceTo(cache, database::touch);
    return cache;
  }

  private RedisPermissionCache unannounced() {
    return new RedisPermissionCache(
        database,
        epochs,
        clock,
        l2,
        new RedisPermissionCache.Options("lost", Duration.ofMinutes(10)));
  }

  private boolean exists(String key) {
    return ((Long) redis.command("EXISTS", key)) == 1L;
  }

  @Test
  void w9_a_load_that_read_before_a_change_stores_nothing_once_redis_lost_the_changes_marker() {
    database.grant(tenant, user, "before.change");
    RedisPermissionCache writer = instance();
    RedisPermissionCache loader = instance();
    RedisPermissionCache reader = instance();
    // The load has read the old data. A change commits and its writer raises the marker (and
    // answers); then Redis restarts empty, the marker with it; then the load stores.
    database.duringNextLoad(
        () -> {
          long version = database.grant(tenant, user, "after.change");
          writer.invalidate(new UserInTenant(tenant, user), version);
          assertThat(exists(keys.pairMin(7, tenant, user))).as("the marker was raised").isTrue();
          redis.kill();
          redis.restart();
          awaitReachable();
        });

    PermissionSnapshot inFlight = loader.of(tenant, user);

    assertThat(inFlight.permissions().names()).containsExactly("before.change");
    assertThat(exists(keys.entry(7, tenant, user)))
        .as("the pre-change snapshot was not stored in the lost epoch")
        .isFalse();
    assertThat(reader.of(tenant, user).permissions().names())
        .as("the next miss on any instance")
        .containsExactly("after.change");
    assertThat(epochs.advances()).as("the store that found the epoch lost advanced it").isOne();
    assertThat(reader.epoch()).isEqualTo(8);
    assertThat(writer.epoch()).isEqualTo(8);
    assertThat(exists(keys.sentinel(8))).isTrue();
    assertThat(exists(keys.entry(8, tenant, user))).isTrue();
    assertThat(reader.of(tenant, user).permissions().names()).containsExactly("after.change");
    assertThat(database.singleLoads()).as("the last answer was a hit").isEqualTo(2);
  }

  @Test
  void instances_that_find_the_same_epoch_lost_advance_it_once() {
    database.grant(tenant, user, "users.view");
    // Neither hears the other's advance announced: the second learns of it from the database.
    RedisPermissionCache first = unannounced();
    RedisPermissionCache second = unannounced();
    redis.command("FLUSHALL");

    first.of(tenant, user);
    second.of(tenant, user);

    assertThat(epochs.advances()).isOne();
    assertThat(first.epoch()).isEqualTo(8);
    assertThat(second.epoch()).as("found it moved and followed").isEqualTo(8);
    assertThat(second.of(tenant, user).permissions().names()).containsExactly("users.view");
    assertThat(database.singleLoads()).isEqualTo(2);
  }

  @Test
  void with_the_database_down_a_lost_epoch_is_neither_read_nor_written_until_it_can_be_advanced()
      throws InterruptedException {
    database.grant(tenant, user, "old.grant");
    RedisPermissionCache cache = instance();
    cache.of(tenant, user);
    String stale = (String) redis.command("GET", keys.entry(7, tenant, user));
    // A failover to a replica that holds the entry but lacks the epoch's later writes: the marker
    // of the change below, and (as after any loss) the sentinel.
    redis.command("DEL", keys.sentinel(7));
    database.grant(tenant, user, "new.grant");
    epochs.failing(true);

    assertThat(cache.of(tenant, user).permissions().names()).containsExactly("new.grant");
    assertThat(cache.of(tenant, user).permissions().names()).containsExactly("new.grant");

    assertThat(database.singleLoads()).as("nothing read from the lost epoch").isEqualTo(3);
    assertThat(redis.command("GET", keys.entry(7, tenant, user)))
        .as("nothing stored into it")
        .isEqualTo(stale);
    assertThat(cache.epoch()).isEqualTo(7);
    assertThat(epochs.advances()).isZero();

    epochs.failing(false);
    Thread.sleep(1_100); // past the pause after a failed advance
    cache.of(tenant, user);

    assertThat(epochs.advances()).isOne();
    assertThat(cache.epoch()).isEqualTo(8);
    assertThat(cache.of(tenant, user).permissions().names()).containsExactly("new.grant");
    assertThat(database.singleLoads()).as("then a hit in the new epoch").isEqualTo(4);
  }

  private void awaitReachable() {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (true) {
      try {
        l2.execute(r -> r.ping());
        return;
      } catch (RedisL2Unavailable e) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError("Redis did not come back", e);
        }
        try {
          Thread.sleep(50);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw new AssertionError(interrupted);
        }
      }
    }
  }
}
