package io.warden.adapter.driven.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.warden.adapter.driven.redis.testing.CountingEffectivePermissions;
import io.warden.adapter.driven.redis.testing.RedisCluster;
import io.warden.application.fake.InMemoryCacheEpochs;
import io.warden.domain.event.InvalidationScope.UserInTenant;
import io.warden.domain.event.InvalidationScope.WholeTenant;
import io.warden.domain.model.tenant.TenantId;
import io.warden.domain.model.user.UserId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The L2 on a real Redis Cluster of three masters ({@code redis-server --cluster-enabled yes} ×3
 * joined by {@code redis-cli --cluster create}, slots on every master): the client follows the
 * topology, each script's keys share a slot (the epoch hash tag), evictions are still honoured.
 */
class RedisThreeMasterClusterTest {

  @Test
  void the_l2_works_against_a_three_master_cluster() {
    try (RedisCluster cluster = RedisCluster.start();
        RedisL2 l2 =
            RedisL2.connect(
                RedisL2Settings.defaults(cluster.uri())
                    .withCommandTimeout(Duration.ofSeconds(5)))) {
      assertThat(cluster.mastersWithSlots()).isEqualTo(3);
      CountingEffectivePermissions database = new CountingEffectivePermissions();
      RedisPermissionCache cache =
          new RedisPermissionCache(
              database,
              new InMemoryCacheEpochs(3),
              Clock.fixed(Instant.parse("2030-01-01T00:00:00Z"), ZoneOffset.UTC),
              l2);
      List<TenantId> tenants = new ArrayList<>();
      List<UserId> users = new ArrayList<>();
      for (int i = 0; i < 12; i++) {
        TenantId tenant = TenantId.random();
        UserId user = UserId.random();
        database.grant(tenant, user, "users.view");
        tenants.add(tenant);
        users.add(user);
        cache.of(tenant, user); // miss: loaded and stored
      }
      for (int i = 0; i < 12; i++) {
        cache.of(tenants.get(i), users.get(i)); // hit
      }
      assertThat(database.usersLoaded()).isEqualTo(12);
      assertThat(cache.hits()).isEqualTo(12);

      cache.invalidate(
          new UserInTenant(tenants.get(0), users.get(0)),
          database.grant(tenants.get(0), users.get(0), "users.edit"));
      cache.invalidate(new WholeTenant(tenants.get(1)), database.touch());
      assertThat(cache.of(tenants.get(0), users.get(0)).permissions().names())
          .contains("users.edit");
      cache.of(tenants.get(1), users.get(1));
      assertThat(database.usersLoaded()).isEqualTo(14);
      assertThat(cache.errors()).isZero();
      assertThat(cache.breakerState()).isEqualTo("CLOSED");
    }
  }
}
