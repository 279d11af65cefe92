package io.warden.adapter.driven.redis.witness;

import static org.assertj.core.api.Assertions.assertThat;

import io.warden.adapter.driven.redis.RedisL2;
import io.warden.adapter.driven.redis.RedisL2Settings;
import io.warden.adapter.driven.redis.testing.RedisProcess;
import io.warden.adapter.driven.redis.testing.TestRedis;
import io.warden.application.port.driven.CacheInvalidation;
import io.warden.domain.event.InvalidationScope;
import io.warden.domain.model.user.UserId;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Redis channel's part of the residual windows of {@code docs/invalidation-outages.md}, on a
 * {@code redis-server} of the test's own (it is killed and restarted): the bridge (W3a), a beacon
 * lost with Redis (W4), the outbox of announcements Redis refused (W2), an unreadable stream entry
 * (W6). Waiting is bounded polling of what the channel's own thread does, never a timed assertion.
 */
class RedisChangeChannelTest {
  private static final Duration BOUND = Duration.ofMillis(200);
  private static final Duration DEADLINE = Duration.ofSeconds(30);

  private RedisProcess redis;
  private String prefix;
  private final List<AutoCloseable> closing = new CopyOnWriteArrayList<>();

  /** One instance's channel, what it applied, and its watermark and liveness as the test sets. */
  private final class Instance {
    final RedisChangeChannel channel;
    final List<Long> applied = new CopyOnWriteArrayList<>();
    final AtomicLong watermark = new AtomicLong(-1);
    final AtomicBoolean live = new AtomicBoolean(false);

    Instance() {
      RedisL2 l2 =
          RedisL2.connect(
              RedisL2Settings.defaults(redis.uri()).withCommandTimeout(Duration.ofMillis(500)));
      channel = new RedisChangeChannel(l2, prefix, BOUND, 1_000);
      closing.add(l2);
      closing.add(channel);
      CacheInvalidation onChange = (scope, version) -> applied.add(version);
      BooleanSupplier primaryLive = live::get;
      channel.start(onChange, watermark::get, primaryLive);
    }
  }

  @BeforeEach
  void startRedis() {
    redis = RedisProcess.start();
    prefix = TestRedis.uniquePrefix();
  }

  @AfterEach
  void stop() throws Exception {
    for (AutoCloseable resource : closing.reversed()) {
      resource.close();
    }
    redis.close();
  }

  @Test
  void w3a_an_instance_whose_listen_feed_is_live_bridges_the_beacon_to_its_watermark() {
    // A writer cut off from Redis committed 6 and 7 (its raises failed): the beacon says 5.
    redis.command("SET", beacon(), "5");
    Instance reader = new Instance();
    reader.watermark.set(5);
    await("the reader vouches up to 5", () -> reader.channel.vouchesUpTo(5));

    // An instance that got 6 and 7 by NOTIFY raises the beacon: the reader stops vouching.
    Instance bridge = new Instance();
    bridge.watermark.set(7);
    bridge.live.set(true);
    await("the bridge raised the beacon", () -> "7".equals(redis.command("GET", beacon())));
    await("the reader no longer vouches", () -> !reader.channel.vouchesUpTo(5));

    // Not live, an instance never raises the beacon (it may have missed versions below it).
    Instance cutOff = new Instance();
    cutOff.watermark.set(9);
    await("the cut-off instance read the beacon", () -> cutOff.channel.vouchesUpTo(9));
    assertThat(redis.command("GET", beacon())).isEqualTo("7");
  }

  @Test
  void w4_a_redis_that_lost_the_beacon_vouches_for_nothing_until_a_live_instance_sets_it() {
    Instance reader = new Instance();
    reader.watermark.set(3);
    redis.command("SET", beacon(), "3");
    await("vouches", () -> reader.channel.vouchesUpTo(3));

    redis.kill();
    await("nothing vouched while Redis is away", () -> !reader.channel.vouchesUpTo(3));
    redis.restart(); // empty: the beacon is gone, and with it what was raised while away
    await("the reader read the empty Redis", () -> reader.channel.describe().contains("unknown"));
    assertThat(reader.channel.vouchesUpTo(3)).as("no beacon vouches for nothing").isFalse();

    Instance bridge = new Instance();
    bridge.watermark.set(3);
    bridge.live.set(true);
    await("the bridge set the beacon", () -> "3".equals(redis.command("GET", beacon())));
    await("vouches again", () -> reader.channel.vouchesUpTo(3));
  }

  @Test
  void w2_an_announcement_redis_refused_is_delivered_from_the_outbox_once_it_is_back() {
    Instance reader = new Instance();
    await("the reader polls", () -> !reader.channel.describe().contains("never read"));
    Instance writer = new Instance();
    UserId user = UserId.random();
    InvalidationScope scope = new InvalidationScope.WholeUser(user);
    writer.channel.announce(1, scope);
    await("the first announcement applied", () -> reader.applied.contains(1L));

    redis.stop();
    writer.channel.announce(2, scope); // refused: kept in the outbox
    redis.restart();

    await("the refused announcement applied", () -> reader.applied.contains(2L));
    assertThat(redis.command("GET", beacon()))
        .as("the announcement raises the beacon")
        .isEqualTo("2");
  }

  @Test
  void w6_an_unreadable_stream_entry_is_not_applied_and_later_ones_are() {
    Instance reader = new Instance();
    await("the reader polls", () -> !reader.channel.describe().contains("never read"));
    redis.command("XADD", stream(), "*", "v", "not-a-number", "s", "*");
    Instance writer = new Instance();
    writer.channel.announce(5, new InvalidationScope.Everything());
    await("the readable entry applied", () -> reader.applied.contains(5L));
    assertThat(reader.applied).containsExactly(5L);
  }

  private String beacon() {
    return "{" + prefix + ":witness}:beacon";
  }

  private String stream() {
    return "{" + prefix + ":witness}:changes";
  }

  private static void await(String what, BooleanSupplier condition) {
    long end = System.nanoTime() + DEADLINE.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) {
        throw new AssertionError("not within " + DEADLINE + ": " + what);
      }
      pauseFor(Duration.ofMillis(10));
    }
  }

  private static void pauseFor(Duration duration) {
    try {
      Thread.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
