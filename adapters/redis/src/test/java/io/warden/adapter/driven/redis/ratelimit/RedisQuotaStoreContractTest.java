package io.warden.adapter.driven.redis.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.warden.adapter.driven.redis.RedisL2Settings;
import io.warden.adapter.driven.redis.testing.TestRedis;
import io.warden.application.port.driven.QuotaStore;
import io.warden.application.port.driven.contract.QuotaStoreContract;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/** The Redis store keeps the quota store's contract: one store, connected, for every test. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RedisQuotaStoreContractTest extends QuotaStoreContract {
  private RedisQuotaStore store;

  @BeforeAll
  void connect() throws InterruptedException {
    store =
        new RedisQuotaStore(
            RedisL2Settings.defaults(TestRedis.uri()).withCommandTimeout(Duration.ofSeconds(2)),
            TestRedis.uniquePrefix());
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!store.connected() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(store.connected()).isTrue();
  }

  @AfterAll
  void close() {
    if (store != null) {
      store.close();
    }
  }

  @Override
  protected QuotaStore store() {
    return store;
  }
}
