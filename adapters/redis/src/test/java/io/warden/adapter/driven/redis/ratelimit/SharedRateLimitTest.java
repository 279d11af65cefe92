package io.warden.adapter.driven.redis.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.warden.adapter.driven.redis.RedisL2Settings;
import io.warden.adapter.driven.redis.testing.RedisCluster;
import io.warden.adapter.driven.redis.testing.RedisProcess;
import io.warden.adapter.driven.redis.testing.Resp;
import io.warden.adapter.driven.redis.testing.TestRedis;
import io.warden.application.port.driven.InstanceRegistry;
import io.warden.application.port.driven.Overloaded;
import io.warden.application.port.driving.HealthUseCase.Status;
import io.warden.application.port.driving.RateLimitUseCase.Decision;
import io.warden.application.port.driving.RateLimitUseCase.RateClass;
import io.warden.application.service.RateLimitService;
import io.warden.application.service.Services;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The rate limits shared through real Redis: several limiter instances (each with its own store,
 * connection and leases, as separate processes would have) hammering one key never exceed the limit
 * and together get it within 10%; every key expires; a dead Redis falls back to the limit divided
 * by the live instances and recovers by itself, a merely slow one does not; a Redis Cluster of
 * three masters works.
 */
class SharedRateLimitTest {
  private final List<AutoCloseable> opened = new ArrayList<>();
  private final String prefix = TestRedis.uniquePrefix();

  @AfterEach
  void closeAll() throws Exception {
    for (int i = opened.size() - 1; i >= 0; i--) {
      opened.get(i).close();
    }
  }

  /** {@code resource}, closed after the test (in the reverse order of opening). */
  private <T extends AutoCloseable> T closedAfter(T resource) {
    opened.add(resource);
    return resource;
  }

  private RedisQuotaStore store(String uri) {
    RedisQuotaStore store =
        closedAfter(
            new RedisQuotaStore(
                RedisL2Settings.defaults(uri)
                    .withCommandTimeout(Duration.ofMillis(500))
                    .withBreaker(50f, 10, 4, Duration.ofSeconds(1), 1),
                prefix));
    // Connected before the test measures anything: takes made while it is not would fall back.
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!store.connected() && System.nanoTime() < deadline) {
      Thread.onSpinWait();
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    assertThat(store.connected()).as("connected to %s", uri).isTrue();
    return store;
  }

  private static RateLimitService limiter(RedisQuotaStore store, int live, long apiLimit) {
    InstanceRegistry instances = () -> live;
    return Services.rateLimits(
        Map.of(RateClass.API, apiLimit), Optional.of(store), instances, System::nanoTime);
  }

  @Test
  void many_threads_on_three_instances_never_exceed_one_key_limit_and_get_it_within_ten_percent()
      throws Exception {
    long limit = 600;
    List<RateLimitService> instances = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      instances.add(limiter(store(TestRedis.uri()), 3, limit));
    }
    AtomicInteger allowed = new AtomicInteger();
    AtomicInteger refused = new AtomicInteger();
    int threads = 12;
    int perThread = 150; // 1800 attempts: three times the limit
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      RateLimitService instance = instances.get(t % 3);
      workers.add(
          Thread.ofVirtual()
              .start(
                  () -> {
                    try {
                      start.await();
                    } catch (InterruptedException e) {
                      return;
                    }
                    for (int i = 0; i < perThread; i++) {
                      Decision d = instance.acquire(RateClass.API, "u:one-key");
                      (d.allowed() ? allowed : refused).incrementAndGet();
                    }
                  }));
    }
    start.countDown();
    for (Thread worker : workers) {
      worker.join();
    }
    System.out.printf(
        "one key, 3 limiters x 4 threads, limit %d: allowed %d, refused %d%n",
        limit, allowed.get(), refused.get());
    assertThat(allowed.get()).isLessThanOrEqualTo((int) limit).isGreaterThanOrEqualTo(540);
    assertThat(allowed.get() + refused.get()).isEqualTo(threads * perThread);
    for (RateLimitService instance : instances) {
      assertThat(instance.inFallback()).isFalse();
    }
    assertEveryKeyExpires(TestRedis.host(), TestRedis.port(), 1);
  }

  @Test
  void unspent_leased_permits_are_given_back_on_close() {
    RedisQuotaStore store = store(TestRedis.uri());
    RateLimitService first = limiter(store, 1, 200); // slices of 10
    assertThat(first.acquire(RateClass.API, "u:give-back").remaining()).isEqualTo(199);
    first.close();
    RateLimitService second = limiter(store(TestRedis.uri()), 1, 200);
    // 199 were back in the bucket: this take leaves 189 there, 9 in the lease.
    assertThat(second.acquire(RateClass.API, "u:give-back").remaining()).isEqualTo(198);
  }

  @Test
  void a_dead_redis_means_the_limit_divided_by_live_instances_then_recovery()
      throws InterruptedException {
    RedisProcess redis = closedAfter(RedisProcess.start());
    RateLimitService limits = limiter(store(redis.uri()), 4, 400); // fallback: 100 per instance
    assertThat(limits.acquire(RateClass.API, "u:a").allowed()).isTrue();
    assertThat(limits.inFallback()).isFalse();
    assertThat(limits.healthProbe().probe().status()).isEqualTo(Status.UP);

    redis.kill();
    int allowed = 0;
    for (int i = 0; i < 300; i++) {
      if (limits.acquire(RateClass.API, "u:b").allowed()) {
        allowed++;
      }
    }
    assertThat(limits.inFallback()).isTrue();
    assertThat(allowed).isEqualTo(100);
    assertThat(limits.acquire(RateClass.API, "u:b").limit()).isEqualTo(100);
    assertThat(limits.healthProbe().probe().status()).isEqualTo(Status.DEGRADED);
    assertThat(limits.healthProbe().probe().detail()).contains("divided by 4");

    redis.restart();
    // The breaker half-opens after a second and the limiter tries the store once a second.
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (limits.inFallback() && System.nanoTime() < deadline) {
      limits.acquire(RateClass.API, "u:c");
      Thread.sleep(100);
    }
    assertThat(limits.inFallback()).isFalse();
    assertThat(limits.healthProbe().probe().status()).isEqualTo(Status.UP);
    Decision shared = limits.acquire(RateClass.API, "u:d");
    assertThat(shared.limit()).isEqualTo(400);
    assertEveryKeyExpires(redis.host(), redis.port(), 1);
  }

  @Test
  void a_redis_too_slow_for_one_take_refuses_that_request_and_never_admits_beyond_the_limit()
      throws InterruptedException {
    RedisProcess redis = closedAfter(RedisProcess.start());
    RedisQuotaStore store = store(redis.uri());
    RateLimitService limits = limiter(store, 4, 400); // slices of 5; a fallback would allow 100
    int allowed = 0;
    for (int i = 0; i < 200; i++) {
      allowed += limits.acquire(RateClass.API, "u:slow").allowed() ? 1 : 0;
    }
    assertThat(allowed).isEqualTo(200); // 40 slices spent: the next request takes from Redis

    redis.freeze(); // nothing answered: this take and its second try time out
    try {
      assertThatThrownBy(() -> limits.acquire(RateClass.API, "u:slow"))
          .isInstanceOf(Overloaded.class);
    } finally {
      redis.thaw();
    }
    assertThat(store.refusing()).as("two failures do not open the breaker").isFalse();
    assertThat(limits.inFallback()).isFalse();

    // Long enough that a fallback window, had one opened, would have admitted its 100 and then
    // handed over to the shared quota again (the limiter retries the store once a second).
    int unavailable = 0;
    long until = System.nanoTime() + Duration.ofMillis(1500).toNanos();
    for (int i = 0; i < 300 || System.nanoTime() < until; i++) {
      try {
        allowed += limits.acquire(RateClass.API, "u:slow").allowed() ? 1 : 0;
      } catch (Overloaded e) {
        unavailable++; // a take slow on a loaded machine: refused, never admitted
      }
      Thread.sleep(1);
    }
    System.out.printf(
        "slow take: allowed %d of 400, %d more refused as unavailable%n", allowed, unavailable);
    assertThat(allowed).isLessThanOrEqualTo(400).isGreaterThanOrEqualTo(390);
    assertThat(limits.inFallback()).isFalse();
  }

  @Test
  void the_limits_work_on_a_three_master_redis_cluster() throws Exception {
    RedisCluster cluster = closedAfter(RedisCluster.start());
    assertThat(cluster.mastersWithSlots()).isEqualTo(3);
    RateLimitService a = limiter(store(cluster.uri()), 2, 100);
    RateLimitService b = limiter(store(cluster.uri()), 2, 100);
    int allowed = 0;
    // Many keys, so that they land on every master.
    for (int k = 0; k < 30; k++) {
      for (int i = 0; i < 60; i++) {
        RateLimitService instance = i % 2 == 0 ? a : b;
        if (instance.acquire(RateClass.API, "u:cluster-" + k).allowed()) {
          allowed++;
        }
      }
    }
    assertThat(a.inFallback()).isFalse();
    assertThat(b.inFallback()).isFalse();
    assertThat(allowed).isEqualTo(30 * 60); // 60 per key, under the limit of 100: none refused
    int more = 0;
    for (int i = 0; i < 150; i++) {
      if ((i % 2 == 0 ? a : b).acquire(RateClass.API, "u:cluster-0").allowed()) {
        more++;
      }
    }
    // 40 left of 100; at most one permit stranded in the other instance's lease (slices of 2).
    assertThat(more).isBetween(39, 40);
    int keys = 0;
    for (RedisProcess node : cluster.nodes()) {
      keys += assertEveryKeyExpires(node.host(), node.port(), 0);
    }
    assertThat(keys).isEqualTo(30);
  }

  /** SCANs this test's keys and checks each has a TTL; returns how many there are. */
  private int assertEveryKeyExpires(String host, int port, int atLeast) {
    int keys = 0;
    String cursor = "0";
    do {
      List<?> reply =
          (List<?>) command(host, port, "SCAN", cursor, "MATCH", prefix + ":*", "COUNT", "1000");
      cursor = (String) reply.get(0);
      for (Object key : (List<?>) reply.get(1)) {
        Object ttl = command(host, port, "PTTL", (String) key);
        assertThat((Long) ttl).as("PTTL of %s", key).isPositive();
        assertThat((String) key).startsWith(prefix + ":rl:{").endsWith("}");
        keys++;
      }
    } while (!cursor.equals("0"));
    assertThat(keys).isGreaterThanOrEqualTo(atLeast);
    return keys;
  }

  private static Object command(String host, int port, String... args) {
    try {
      return Resp.command(host, port, 2000, args);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
