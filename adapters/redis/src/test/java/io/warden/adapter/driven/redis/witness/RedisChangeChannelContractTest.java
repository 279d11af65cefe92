package io.warden.adapter.driven.redis.witness;

import io.warden.adapter.driven.redis.RedisL2;
import io.warden.adapter.driven.redis.RedisL2Settings;
import io.warden.adapter.driven.redis.testing.RedisProcess;
import io.warden.adapter.driven.redis.testing.TestRedis;
import io.warden.application.port.driven.CacheInvalidation;
import io.warden.application.port.driven.contract.SecondChannelContract;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;

/**
 * The Redis channel keeps the second channel's contract, on a {@code redis-server} of this class's
 * own (cut off by killing it): each test a key prefix of its own, each instance its own connection.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RedisChangeChannelContractTest extends SecondChannelContract {
  private static final Duration BOUND = Duration.ofMillis(200);

  private RedisProcess redis;
  private String prefix;

  @BeforeAll
  void startRedis() {
    redis = RedisProcess.start();
  }

  @AfterAll
  void stopRedis() {
    redis.close();
  }

  @BeforeEach
  void newChannel() {
    prefix = TestRedis.uniquePrefix();
  }

  @Override
  protected Instance join(CacheInvalidation onChange) {
    RedisL2 l2 =
        RedisL2.connect(
            RedisL2Settings.defaults(redis.uri()).withCommandTimeout(Duration.ofMillis(500)));
    RedisChangeChannel channel = new RedisChangeChannel(l2, prefix, BOUND, 1_000);
    channel.start(onChange, () -> -1, () -> false);
    long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    // Polling from the stream's end on: what is announced from now on reaches it.
    while (channel.describe().contains("never read") && System.nanoTime() < end) {
      Thread.onSpinWait();
    }
    return new Instance(
        channel,
        channel,
        () -> {
          channel.close();
          l2.close();
        });
  }

  @Override
  protected void cutOff() {
    redis.kill();
  }

  @Override
  protected void restore() {
    redis.restart();
  }
}
