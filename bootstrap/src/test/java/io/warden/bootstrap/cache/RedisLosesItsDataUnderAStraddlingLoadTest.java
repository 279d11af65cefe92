package io.warden.bootstrap.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.warden.adapter.driven.postgres.PostgresPersistence;
import io.warden.adapter.driven.postgres.testing.TestPostgres;
import io.warden.adapter.driven.redis.RedisL2;
import io.warden.adapter.driven.redis.RedisL2Settings;
import io.warden.adapter.driven.redis.RedisL2Unavailable;
import io.warden.adapter.driven.redis.RedisPermissionCache;
import io.warden.adapter.driven.redis.testing.RedisProcess;
import io.warden.adapter.driven.redis.testing.TestRedis;
import io.warden.application.port.driven.EffectivePermissions;
import io.warden.application.port.driven.PermissionSnapshot;
import io.warden.bootstrap.testing.Poll;
import io.warden.bootstrap.testing.WardenInstance;
import io.warden.domain.model.tenant.TenantId;
import io.warden.domain.model.user.UserId;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Window W9 of {@code docs/invalidation-outages.md}, step by step on real servers: PostgreSQL, and
 * a {@code redis-server} of the test's own. A load reads PostgreSQL before a revocation and is held
 * there; the revocation commits through a Warden instance, whose writer raises the L2 marker and
 * answers; Redis restarts empty, the marker with it; then the held load stores. The next L1 miss of
 * any instance (an L2 tier asked directly) must not get the pre-change snapshot.
 *
 * <p>The load and the other instances are L2 tiers built on the instance's PostgreSQL adapter, so
 * the test holds the load between its database read and its store without a seam in the code.
 */
class RedisLosesItsDataUnderAStraddlingLoadTest {
  private static final Duration DEADLINE = Duration.ofSeconds(30);

  /** Only the LISTEN feed: nothing on a Redis channel re-raises a marker after the restart. */
  private static final Map<String, String> ENV = Map.of("WARDEN_CACHE_WITNESS_MAX_MS", "0");

  private PostgresPersistence database;
  private RedisL2 connection;
  private String prefix;

  @Test
  void a_load_that_read_before_a_revocation_cannot_serve_it_after_redis_lost_the_marker()
      throws Exception {
    ExecutorService loads = Executors.newSingleThreadExecutor();
    try (RedisProcess redis = RedisProcess.start();
        RedisL2 l2 =
            RedisL2.connect(
                RedisL2Settings.defaults(redis.uri()).withCommandTimeout(Duration.ofSeconds(2)))) {
      connection = l2;
      WardenInstance.Shared shared =
          new WardenInstance.Shared(
              TestPostgres.freshDatabase(), redis.uri(), TestRedis.uniquePrefix());
      prefix = shared.redisPrefix();
      try (WardenInstance writer = WardenInstance.start(shared, ENV)) {
        Operator operator = new Operator(writer.client());
        Operator.Tenant tenant = operator.newTenant();
        String permission = operator.newPermission("w9");
        Operator.Role role = operator.newRole(tenant, permission);
        // Nothing has loaded the member's permissions yet: the load below is a miss.
        Operator.Member member = operator.newMember(tenant, role);
        Operator.Member bystander = operator.newMember(tenant, role);
        TenantId tenantId = TenantId.parse(tenant.id(), "tenant");
        UserId userId = UserId.parse(member.id(), "user");
        database = writer.components().persistence();
        RedisPermissionCache writerL2 = writer.components().l2().orElseThrow();
        RedisPermissionCache reader = tier(database.effectivePermissions());

        // L2 in use (with the fix: in an epoch whose sentinel was made when it was advanced to).
        UserId other = UserId.parse(bystander.id(), "user");
        assertThat(reader.of(tenantId, other).permissions().allows(permission)).isTrue();
        Poll.until(
            DEADLINE,
            "the writer is in the epoch PostgreSQL holds",
            () -> writerL2.epoch() == database.cacheEpochs().current());

        HeldLoads held = new HeldLoads(database.effectivePermissions());
        RedisPermissionCache loader = tier(held);
        Future<PermissionSnapshot> straddling = loads.submit(() -> loader.of(tenantId, userId));
        assertThat(held.read.await(30, TimeUnit.SECONDS)).as("the load read PostgreSQL").isTrue();

        long heard = writer.components().listener().received();
        operator.revoke(tenant, role, permission); // 204: committed, marker raised
        Poll.until(
            DEADLINE,
            "the writer heard its own change",
            () -> writer.components().listener().received() > heard);
        Poll.pause(300); // and raised the marker once more, before the loss
        assertThat(redis.command("KEYS", shared.redisPrefix() + ":*min*"))
            .as("the markers the change raised")
            .asList()
            .isNotEmpty();

        redis.kill();
        redis.restart();
        awaitReachable(connection);
        held.release.countDown();
        assertThat(straddling.get(30, TimeUnit.SECONDS).permissions().allows(permission))
            .as("the straddling load itself read before the change")
            .isTrue();

        // Every answer of another instance denies; at least one of them went through Redis (no
        // error counted: the connection may take a moment to find the restarted server again).
        Poll.until(
            DEADLINE,
            "an answer of another instance through Redis",
            () -> {
              long errors = reader.errors();
              assertThat(reader.of(tenantId, userId).permissions().allows(permission))
                  .as("the next L1 miss of another instance")
                  .isFalse();
              return reader.errors() == errors;
            });
        assertThat(tier(database.effectivePermissions()).of(tenantId, userId))
            .as("a new instance's")
            .satisfies(s -> assertThat(s.permissions().allows(permission)).isFalse());
        awaitReachable(writer.components().redis().orElseThrow());
        assertThat(writerL2.of(tenantId, userId).permissions().allows(permission))
            .as("the writer's")
            .isFalse();
      }
    } finally {
      loads.shutdownNow();
    }
  }

  /**
   * The L2 tier of an instance of its own (no L1, no feed) on the shared PostgreSQL and Redis,
   * loading through {@code next}.
   */
  private RedisPermissionCache tier(EffectivePermissions next) {
    return new RedisPermissionCache(
        next,
        database.cacheEpochs(),
        Clock.systemUTC(),
        connection,
        new RedisPermissionCache.Options(prefix, Duration.ofMinutes(10)));
  }

  private static void awaitReachable(RedisL2 connection) {
    Poll.until(
        DEADLINE,
        "Redis answers again on " + connection,
        () -> {
          try {
            return "PONG".equals(connection.execute(r -> r.ping()));
          } catch (RedisL2Unavailable e) {
            return false;
          }
        });
  }

  /** PostgreSQL's answer, held after the read until {@link #release} (the first load only). */
  private static final class HeldLoads implements EffectivePermissions {
    final CountDownLatch read = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);
    private final EffectivePermissions database;

    HeldLoads(EffectivePermissions database) {
      this.database = database;
    }

    @Override
    public PermissionSnapshot of(TenantId tenantId, UserId userId) {
      PermissionSnapshot snapshot = database.of(tenantId, userId);
      if (read.getCount() > 0) {
        read.countDown();
        try {
          release.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      return snapshot;
    }

    @Override
    public Map<UserId, PermissionSnapshot> ofAll(TenantId tenantId, Collection<UserId> userIds) {
      return database.ofAll(tenantId, List.copyOf(userIds));
    }
  }
}
