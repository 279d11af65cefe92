package io.warden.adapter.driven.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.warden.adapter.driven.redis.testing.CountingEffectivePermissions;
import io.warden.adapter.driven.redis.testing.RedisProcess;
import io.warden.application.fake.InMemoryCacheEpochs;
import io.warden.domain.event.InvalidationScope.UserInTenant;
import io.warden.domain.event.InvalidationScope.WholeTenant;
import io.warden.domain.model.tenant.TenantId;
import io.warden.domain.model.user.UserId;
import io.warden.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Redis Cluster through Lettuce's cluster client: a one-node cluster owning every slot is enough to
 * prove that the scripts' keys share a slot (the epoch hash tag) and that the client routes them.
 */
class RedisClusterTest {

  @Test
  void the_l2_works_against_a_cluster() throws Exception {
    try (RedisProcess node =
        RedisProcess.start(
            "--cluster-enabled",
            "yes",
            "--cluster-config-file",
            "nodes.conf",
            // A lone node never met a peer, so it would not know its address otherwise.
            "--cluster-announce-ip",
            "127.0.0.1")) {
      node.command("CLUSTER", "ADDSLOTSRANGE", "0", "16383");
      awaitClusterOk(node);
      try (RedisL2 l2 =
          RedisL2.connect(
              RedisL2Settings.defaults("redis-cluster://127.0.0.1:" + node.port())
                  .withCommandTimeout(Duration.ofSeconds(5)))) {
        CountingEffectivePermissions database = new CountingEffectivePermissions();
        RedisPermissionCache cache =
            new RedisPermissionCache(
                database,
                new InMemoryCacheEpochs(3),
                new MutableClock(Instant.parse("2030-01-01T00:00:00Z")),
                l2);
        TenantId tenant = TenantId.random();
        UserId u1 = UserId.random();
        UserId u2 = UserId.random();
        database.grant(tenant, u1, "users.view");
        database.grant(tenant, u2, "roles.edit");

        cache.ofAll(tenant, List.of(u1, u2));
        cache.of(tenant, u1);
        assertThat(database.usersLoaded()).isEqualTo(2);
        assertThat(cache.hits()).isEqualTo(1);

        cache.invalidate(new UserInTenant(tenant, u1), database.grant(tenant, u1, "users.edit"));
        cache.invalidate(new WholeTenant(tenant), database.touch());
        assertThat(cache.ofAll(tenant, List.of(u1, u2)).get(u1).permissions().names())
            .containsExactly("users.edit");
        assertThat(database.usersLoaded()).isEqualTo(4);
        assertThat(cache.errors()).isZero();
        assertThat(cache.breakerState()).isEqualTo("CLOSED");
      }
    }
  }

  private static void awaitClusterOk(RedisProcess node) throws InterruptedException {
    for (int i = 0; i < 200; i++) {
      if (((String) node.command("CLUSTER", "INFO")).contains("cluster_state:ok")) {
        return;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("the one-node cluster never became ok");
  }
}
