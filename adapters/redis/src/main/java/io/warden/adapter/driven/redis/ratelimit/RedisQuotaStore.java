package io.warden.adapter.driven.redis.ratelimit;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.warden.adapter.driven.redis.RedisClients;
import io.warden.adapter.driven.redis.RedisL2Settings;
import io.warden.adapter.driven.redis.UnreachableLog;
import io.warden.application.port.driven.QuotaStore;
import io.warden.application.port.driven.Unavailable;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The rate limits' shared quota in Redis, one Bucket4j bucket per key through its Lettuce proxy
 * manager: every change of a bucket is one compare-and-swap Lua script, every key written with an
 * expiry ({@code PSETEX} / {@code SET ... PX}: the time to refill the bucket plus a minute), every
 * key a hash tag of its own so it lives in one cluster slot.
 *
 * <p>Its own connection (standalone or cluster, from the same {@code WARDEN_REDIS_URL} as L2), its
 * own command timeout and its own circuit breaker: a slow Redis costs a take at most the timeout,
 * and nothing while the breaker is open. The breaker opens on its failure rate of late answers, or
 * at the first failure that is not a timeout ({@link #refusing()}: the limits then fall back to
 * local ones). The connection is made on first use, so Redis may be down at start-up; Lettuce
 * reconnects by itself afterwards.
 */
public final class RedisQuotaStore implements QuotaStore, AutoCloseable {
  private static final System.Logger LOG = System.getLogger(RedisQuotaStore.class.getName());

  /** How long a bucket outlives its refill: a key idle that long is gone. */
  private static final Duration KEEP_AFTER_REFILL = Duration.ofMinutes(1);

  private final RedisL2Settings settings;
  private final String keyPrefix;
  private final AbstractRedisClient client;
  private final CircuitBreaker breaker;
  private final UnreachableLog unreachable;
  private final ConcurrentHashMap<Shape, BucketConfiguration> configurations =
      new ConcurrentHashMap<>();

  /** A bucket's limit and window: two windows of the same whole seconds are still two shapes. */
  private record Shape(long limit, Duration window) {}

  private final Object connectLock = new Object();
  // Null until the first connect succeeds (on first use, or by the background connect).
  private volatile @Nullable ProxyManager<byte[]> buckets;
  private volatile @Nullable StatefulConnection<byte[], byte[]> connection;
  private volatile boolean closed;

  /**
   * @param settings the Redis URI, timeouts and breaker of this store (its own breaker)
   * @param keyPrefix first segment of every key ({@code WARDEN_REDIS_KEY_PREFIX})
   */
  public RedisQuotaStore(RedisL2Settings settings, String keyPrefix) {
    this.settings = settings;
    this.keyPrefix = keyPrefix;
    this.client = RedisClients.create(settings);
    this.breaker = RedisClients.breaker("redis-ratelimit", "Rate-limit store", settings);
    this.unreachable = new UnreachableLog(LOG, "Rate-limit store", "", settings);
    // Connect in the background now, so that the first request does not pay for it (a Redis that
    // is down at start-up is tried again by the first take after it).
    Thread.ofVirtual().name("rate-limit-store-connect").start(this::connectQuietly);
  }

  /** Connects, retrying every second until connected or closed (warns of the first failure). */
  private void connectQuietly() {
    while (!closed && buckets == null) {
      try {
        proxies();
      } catch (RuntimeException e) {
        unreachable.failed(e);
        try {
          Thread.sleep(1000);
        } catch (InterruptedException interrupted) {
          return;
        }
      }
    }
  }

  /** Whether the connection to Redis is established (it may still be reconnecting). */
  public boolean connected() {
    StatefulConnection<byte[], byte[]> current = connection;
    return current != null && current.isOpen();
  }

  /** The Redis key of {@code key}'s bucket: {@code <prefix>:rl:{<key>}}. */
  public String redisKey(String key) {
    return keyPrefix + ":rl:{" + key + "}";
  }

  @Override
  public Slice take(String key, long limit, Duration window, long wanted) {
    return call(
        () -> {
          BucketProxy bucket = bucket(key, limit, window);
          ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(wanted);
          // Less than a slice left: take what there is (another instance may take it first).
          for (int attempt = 0;
              !probe.isConsumed() && probe.getRemainingTokens() > 0 && attempt < 3;
              attempt++) {
            long left = probe.getRemainingTokens();
            probe = bucket.tryConsumeAndReturnRemaining(left);
            if (probe.isConsumed()) {
              return new Slice(left, probe.getRemainingTokens(), probe.getNanosToWaitForReset());
            }
          }
          if (!probe.isConsumed()) {
            return new Slice(0, 0, probe.getNanosToWaitForRefill());
          }
          return new Slice(wanted, probe.getRemainingTokens(), probe.getNanosToWaitForReset());
        });
  }

  @Override
  public void giveBack(String key, long limit, Duration window, long permits) {
    call(
        () -> {
          bucket(key, limit, window).addTokens(permits);
          return null;
        });
  }

  @Override
  public String describe() {
    return "Redis " + settings.redactedUri();
  }

  @Override
  public boolean refusing() {
    return switch (breaker.getState()) {
      case OPEN, HALF_OPEN, FORCED_OPEN -> true;
      default -> false;
    };
  }

  /** {@code CLOSED}, {@code OPEN}, {@code HALF_OPEN}. */
  public String breakerState() {
    return breaker.getState().name();
  }

  private BucketProxy bucket(String key, long limit, Duration window) {
    BucketConfiguration configuration =
        configurations.computeIfAbsent(
            new Shape(limit, window),
            k ->
                BucketConfiguration.builder()
                    .addLimit(
                        Bandwidth.builder().capacity(limit).refillIntervally(limit, window).build())
                    .build());
    return proxies()
        .builder()
        .build(redisKey(key).getBytes(StandardCharsets.UTF_8), () -> configuration);
  }

  private <T> T call(Supplier<T> work) {
    try {
      return breaker.executeSupplier(work::get);
    } catch (CallNotPermittedException e) {
      throw new Unavailable("the rate-limit store's circuit breaker is open", e);
    } catch (RuntimeException e) {
      if (!timedOut(e) && breaker.getState() == CircuitBreaker.State.CLOSED) {
        // Not slow but failed (refused, reset, closed mid-command, never connected, an error
        // reply): down now, not after the failure rate says so, so that the limits fall back at
        // once instead of refusing requests. Only a late answer leaves the breaker to its rate.
        // (Whether the connection still looks open says nothing: Lettuce fails a command on a
        // socket the server just closed before it marks the connection inactive.)
        breaker.transitionToOpenState();
      }
      throw new Unavailable("the rate-limit store failed: " + RedisClients.rootMessage(e), e);
    }
  }

  /** Whether {@code failure} is a command that got no answer in time (not a broken connection). */
  static boolean timedOut(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof RedisCommandTimeoutException || t instanceof TimeoutException) {
        return true;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }

  private ProxyManager<byte[]> proxies() {
    ProxyManager<byte[]> ready = buckets;
    if (ready != null) {
      return ready;
    }
    synchronized (connectLock) {
      if (buckets != null) {
        return buckets;
      }
      if (closed) {
        throw new IllegalStateException("the rate-limit store is closed");
      }
      Bucket4jLettuce.LettuceBasedProxyManagerBuilder<byte[]> builder;
      if (client instanceof RedisClusterClient cluster) {
        StatefulRedisClusterConnection<byte[], byte[]> established =
            cluster.connect(ByteArrayCodec.INSTANCE);
        connection = established;
        builder = Bucket4jLettuce.casBasedBuilder(established);
      } else {
        StatefulRedisConnection<byte[], byte[]> established =
            ((RedisClient) client).connect(ByteArrayCodec.INSTANCE);
        connection = established;
        builder = Bucket4jLettuce.casBasedBuilder(established);
      }
      ProxyManager<byte[]> built =
          builder
              .expirationAfterWrite(
                  ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(
                      KEEP_AFTER_REFILL))
              .requestTimeout(settings.commandTimeout().multipliedBy(2))
              .build();
      buckets = built;
      LOG.log(
          System.Logger.Level.INFO, "Rate-limit store connected to {0}", settings.redactedUri());
      return built;
    }
  }

  @Override
  public void close() {
    closed = true;
    StatefulConnection<byte[], byte[]> current = connection;
    if (current != null) {
      current.close();
    }
    client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
  }

  @Override
  public String toString() {
    return "RedisQuotaStore[" + settings.redactedUri() + ", breaker " + breakerState() + "]";
  }
}
