package io.warden.bootstrap.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.warden.adapter.driven.postgres.testing.TestPostgres;
import io.warden.adapter.driven.redis.RedisPermissionCache;
import io.warden.adapter.driven.redis.testing.RedisProcess;
import io.warden.adapter.driven.redis.testing.TestRedis;
import io.warden.bootstrap.cache.CheckPath.Outcome;
import io.warden.bootstrap.testing.Poll;
import io.warden.bootstrap.testing.WardenClient;
import io.warden.bootstrap.testing.WardenInstance;
import io.warden.domain.model.tenant.TenantId;
import io.warden.domain.model.user.UserId;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * Redis is a speed-up, never a dependency: with the instance's own {@code redis-server} killed, no
 * request fails, every answer stays right, every change still takes effect on the next request,
 * {@code /health} says DEGRADED with redis DOWN and the breaker opens; started again on the same
 * port, the breaker half-opens and closes by itself and {@code /health} is UP again. An eviction
 * that could not reach Redis moves every instance to a new L2 epoch, so what Redis still holds from
 * before can never be served once it is back.
 */
class RedisFailureTest {
  /** The breaker stays open 5 s before a trial; Lettuce reconnects within 1 s: ample room. */
  private static final Duration RECOVERY_DEADLINE = Duration.ofSeconds(60);

  private static final Duration OPEN_DEADLINE = Duration.ofSeconds(30);

  private static final Map<String, String> ENV =
      Map.of(
          "WARDEN_RATE_API_PER_MINUTE", "100000000",
          "WARDEN_RATE_AUTH_PER_15_MINUTES", "100000000");

  @Test
  void without_redis_no_request_fails_and_with_it_back_the_breaker_closes_by_itself() {
    try (RedisProcess redis = RedisProcess.start();
        WardenInstance warden = WardenInstance.start(sharedWith(redis), ENV)) {
      WardenClient client = warden.client();
      Operator operator = new Operator(client);
      Operator.Tenant tenant = operator.newTenant();
      String permission = operator.newPermission("redis_down");
      Operator.Role role = operator.newRole(tenant, permission);
      String warm = Operator.login(client, operator.newMember(tenant, role));
      String cold = Operator.login(client, operator.newMember(tenant, role));
      assertThat(CheckPath.SINGLE.ask(client, warm, permission)).isEqualTo(Outcome.ALLOWED);
      assertThat(health(client).getString("status")).isEqualTo("UP");
      assertThat(breaker(warden)).isEqualTo("CLOSED");

      redis.kill();

      // Warm from L1, cold from PostgreSQL: every path answers, and answers right.
      for (CheckPath path : CheckPath.values()) {
        assertThat(path.ask(client, warm, permission)).isEqualTo(Outcome.ALLOWED);
        assertThat(path.ask(client, cold, permission)).isEqualTo(Outcome.ALLOWED);
      }
      JsonObject degraded =
          Poll.until(
              OPEN_DEADLINE,
              "the breaker opens and /health says DEGRADED",
              () -> health(client),
              h -> h.getString("status").equals("DEGRADED") && breaker(warden).equals("OPEN"));
      assertThat(redisCheck(degraded).getString("status")).isEqualTo("DOWN");
      assertThat(redisCheck(degraded).getString("detail")).contains("OPEN");
      assertThat(degraded.getJsonObject("checks").getJsonObject("database").getString("status"))
          .isEqualTo("UP");

      // Changes still commit and are seen by the next request, breaker open or not.
      operator.revoke(tenant, role, permission);
      for (CheckPath path : CheckPath.values()) {
        assertThat(path.ask(client, warm, permission)).isEqualTo(Outcome.NOT_ALLOWED);
        assertThat(path.ask(client, cold, permission)).isEqualTo(Outcome.NOT_ALLOWED);
      }
      operator.grant(tenant, role, permission);
      assertThat(CheckPath.SINGLE.ask(client, warm, permission)).isEqualTo(Outcome.ALLOWED);
      assertThat(CheckPath.BATCH.ask(client, cold, permission)).isEqualTo(Outcome.ALLOWED);
      String newcomer = Operator.login(client, operator.newMember(tenant, role));
      assertThat(CheckPath.ME.ask(client, newcomer, permission)).isEqualTo(Outcome.ALLOWED);

      redis.restart();

      JsonObject recovered =
          Poll.until(
              RECOVERY_DEADLINE,
              "the breaker closes by itself and /health is UP",
              () -> health(client),
              h -> h.getString("status").equals("UP"));
      assertThat(redisCheck(recovered).getString("status")).isEqualTo("UP");
      assertThat(breaker(warden)).isEqualTo("CLOSED");
      for (CheckPath path : CheckPath.values()) {
        assertThat(path.ask(client, warm, permission)).isEqualTo(Outcome.ALLOWED);
      }
      // And Redis answers again: a repeated read of the shared tier is a hit.
      RedisPermissionCache l2 = warden.components().l2().orElseThrow();
      TenantId tenantId = TenantId.parse(tenant.id(), "tenant");
      UserId someone = UserId.parse(operator.newMember(tenant, role).id(), "user");
      long hits = l2.hits();
      assertThat(l2.of(tenantId, someone).permissions().allows(permission)).isTrue();
      assertThat(l2.of(tenantId, someone).permissions().allows(permission)).isTrue();
      assertThat(l2.hits()).isEqualTo(hits + 1);
    }
  }

  @Test
  void an_eviction_while_redis_is_down_moves_every_instance_to_a_new_epoch() {
    // Redis keeps its data across the restart (append-only file): what it held comes back.
    try (RedisProcess redis =
        RedisProcess.start("--appendonly", "yes", "--appendfsync", "always")) {
      WardenInstance.Shared shared = sharedWith(redis);
      try (WardenInstance writer = WardenInstance.start(shared, ENV)) {
        WardenClient client = writer.client();
        Operator operator = new Operator(client);
        Operator.Holder holder = operator.newHolder("epoch");
        String permission = holder.permission();
        String token = Operator.login(client, holder.member());
        assertThat(CheckPath.SINGLE.ask(client, token, permission)).isEqualTo(Outcome.ALLOWED);
        long before = writer.components().persistence().cacheEpochs().current();
        assertThat(writer.components().l2().orElseThrow().epoch()).isEqualTo(before);
        List<String> staleEntries = entriesOf(redis, shared, holder);
        assertThat(staleEntries)
            .as("the allowing entry in L2, in epoch %d", before)
            .singleElement()
            .satisfies(key -> assertThat(epochOf(key, shared)).isEqualTo(before));

        redis.kill();
        operator.revoke(holder);

        // Advanced before the revoke was answered (each instance that receives the change's
        // message and cannot reach Redis either may advance it once more).
        long after = writer.components().persistence().cacheEpochs().current();
        assertThat(after).as("the epoch kept in PostgreSQL").isGreaterThan(before);
        assertThat(writer.components().l2().orElseThrow().epoch()).isGreaterThan(before);
        assertThat(CheckPath.SINGLE.ask(client, token, permission)).isEqualTo(Outcome.NOT_ALLOWED);

        redis.restart();
        assertThat(entriesOf(redis, shared, holder))
            .as("Redis is back with the entry the revoke could not evict")
            .containsAll(staleEntries);

        // A new instance has no L1 and no local floor: only the epoch keeps the entry away.
        try (WardenInstance fresh = WardenInstance.start(shared, ENV)) {
          assertThat(fresh.components().l2().orElseThrow().epoch()).isGreaterThanOrEqualTo(after);
          String freshToken = Operator.login(fresh.client(), holder.member());
          for (CheckPath path : CheckPath.values()) {
            assertThat(path.ask(fresh.client(), freshToken, permission))
                .isEqualTo(Outcome.NOT_ALLOWED);
          }
          assertThat(
                  fresh
                      .components()
                      .l2()
                      .orElseThrow()
                      .of(holder.tenantId(), holder.userId())
                      .permissions()
                      .allows(permission))
              .isFalse();
        }
        Poll.until(
            RECOVERY_DEADLINE,
            "the writer's /health is UP again",
            () -> health(client),
            h -> h.getString("status").equals("UP"));
        assertThat(CheckPath.SINGLE.ask(client, token, permission)).isEqualTo(Outcome.NOT_ALLOWED);
      }
    }
  }

  private static WardenInstance.Shared sharedWith(RedisProcess redis) {
    return new WardenInstance.Shared(
        TestPostgres.freshDatabase(), redis.uri(), TestRedis.uniquePrefix());
  }

  /** The L2 entry keys of the holder's permission set, whatever their epoch. */
  private static List<String> entriesOf(
      RedisProcess redis, WardenInstance.Shared shared, Operator.Holder holder) {
    String pair = holder.tenant().id() + ":" + holder.member().id();
    Object keys = redis.command("KEYS", shared.redisPrefix() + ":*:p:" + pair);
    return ((List<?>) keys).stream().map(String.class::cast).toList();
  }

  /** The epoch segment of a key: {@code <prefix>:<epoch>:...}, the epoch maybe a hash tag. */
  private static long epochOf(String key, WardenInstance.Shared shared) {
    String rest = key.substring(shared.redisPrefix().length() + 1);
    return Long.parseLong(rest.substring(0, rest.indexOf(':')).replace("{", "").replace("}", ""));
  }

  /** One system administrator's token per instance, for {@link #health}. */
  private static final Map<WardenClient, String> ADMIN_TOKENS = new ConcurrentHashMap<>();

  /** As the system administrator: the details of each check are for privileged callers only. */
  private static JsonObject health(WardenClient client) {
    String token =
        ADMIN_TOKENS.computeIfAbsent(
            client, c -> c.token(WardenInstance.ADMIN_EMAIL, WardenInstance.ADMIN_PASSWORD));
    WardenClient.Response response = client.get("/health", token);
    assertThat(response.status()).as("/health never says DOWN for Redis").isEqualTo(200);
    return response.json();
  }

  private static JsonObject redisCheck(JsonObject health) {
    return health.getJsonObject("checks").getJsonObject("redis");
  }

  private static String breaker(WardenInstance warden) {
    return warden.components().redis().orElseThrow().breakerState();
  }
}
