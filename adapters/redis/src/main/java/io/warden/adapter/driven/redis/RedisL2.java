package io.warden.adapter.driven.redis;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.resource.ClientResources;
import io.warden.application.port.driven.HealthProbe;
import io.warden.application.port.driving.HealthUseCase.Check;
import io.warden.application.port.driving.HealthUseCase.Status;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The one shared Redis connection of a Warden process, with every call going through one circuit
 * breaker: a call takes at most the command timeout, fails fast while the connection is down, and
 * is not even tried while the breaker is open. Redis being absent at start-up is not an error: the
 * connection is made in the background and Lettuce reconnects by itself after any drop.
 */
public final class RedisL2 implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(RedisL2.class.getName());

  private final RedisL2Settings settings;
  private final ClientResources resources;
  private final AbstractRedisClient client;
  private final CircuitBreaker breaker;
  private final LongAdder roundTrips = new LongAdder();
  private final LongAdder scriptCalls = new LongAdder();
  private final Object connectLock = new Object();
  // Every call may retry while Redis is away at start-up: warn once, then only at debug level.
  private final UnreachableLog unreachable;

  // Null until the first connect succeeds (Redis may be down at start-up).
  private volatile @Nullable StatefulConnection<String, String> connection;
  private volatile @Nullable RedisClusterCommands<String, String> commands;
  private volatile boolean closed;
  // Guarded by connectLock: the connect in flight (or the last one, once done).
  private @Nullable CompletableFuture<RedisClusterCommands<String, String>> connecting;

  private RedisL2(RedisL2Settings settings) {
    this.settings = settings;
    this.resources = RedisClients.resources(settings);
    this.client = RedisClients.create(settings, resources);
    this.breaker = RedisClients.breaker("redis-l2", "Redis L2", settings);
    this.unreachable = new UnreachableLog(LOG, "Redis L2", "; serving without it", settings);
  }

  /**
   * Starts connecting in the background and returns at once, whether or not Redis is reachable;
   * until it is, every call fails fast and callers fall back.
   */
  public static RedisL2 connect(RedisL2Settings settings) {
    RedisL2 l2 = new RedisL2(settings);
    l2.startConnect();
    return l2;
  }

  public RedisL2Settings settings() {
    return settings;
  }

  /**
   * Runs one Redis command (or a few on the same connection) through the circuit breaker.
   *
   * @throws RedisL2Unavailable if Redis could not answer in time or the breaker is open
   */
  public <T extends @Nullable Object> T execute(
      Function<RedisClusterCommands<String, String>, T> command) {
    try {
      return breaker.executeSupplier(
          () -> {
            roundTrips.increment();
            return command.apply(commands());
          });
    } catch (CallNotPermittedException e) {
      throw new RedisL2Unavailable("Redis L2 circuit breaker is open", e);
    } catch (RuntimeException e) {
      throw new RedisL2Unavailable("Redis L2 call failed: " + e.getMessage(), e);
    }
  }

  /** Runs a script by digest, sending its source only when the server does not know it. */
  <T extends @Nullable Object> T script(
      LuaScript script, ScriptOutputType type, String[] keys, String... args) {
    scriptCalls.increment();
    return execute(
        redis -> {
          try {
            return redis.<T>evalsha(script.sha1(), type, keys, args);
          } catch (RedisNoScriptException e) {
            roundTrips.increment();
            return redis.<T>eval(script.source(), type, keys, args);
          }
        });
  }

  /** {@code CLOSED}, {@code OPEN}, {@code HALF_OPEN} (or Resilience4j's other states). */
  public String breakerState() {
    return breaker.getState().name();
  }

  /** Commands sent to Redis so far (a script is one, unless it had to be sent whole). */
  public long roundTrips() {
    return roundTrips.sum();
  }

  /** Scripts run so far, however many commands each took (see {@link #roundTrips()}). */
  public long scriptCalls() {
    return scriptCalls.sum();
  }

  /**
   * Waits at most {@code patience} for the connection, trying a second time if the first attempt
   * failed (a connect that timed out on a machine busy starting up usually succeeds the second
   * time; a refused one fails again at once). Never throws: whether Redis is connected now. For the
   * start, off its critical path; calls never wait for this.
   */
  public boolean awaitConnected(Duration patience) {
    long deadline = System.nanoTime() + patience.toNanos();
    for (int attempt = 0; attempt < 2 && !connected(); attempt++) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        break;
      }
      try {
        startConnect().get(left, TimeUnit.NANOSECONDS);
      } catch (ExecutionException e) {
        // logged by unreachable; the next round starts a new attempt
      } catch (TimeoutException e) {
        break;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    return connected();
  }

  /** Whether the connection is currently established. */
  public boolean connected() {
    StatefulConnection<String, String> current = connection;
    return current != null && current.isOpen();
  }

  /**
   * The {@code redis} health check, not critical: UP while the breaker is closed and {@code PING}
   * answers within the command timeout, DOWN otherwise (Warden then serves without its L2).
   */
  public HealthProbe healthProbe() {
    return HealthProbe.of("redis", false, this::health);
  }

  Check health() {
    try {
      execute(RedisClusterCommands::ping);
    } catch (RedisL2Unavailable e) {
      return new Check(
          Status.DOWN, "breaker " + breakerState() + ": " + RedisClients.rootMessage(e));
    }
    String state = breakerState();
    return CircuitBreaker.State.CLOSED.name().equals(state)
        ? new Check(Status.UP, "PING ok, breaker CLOSED")
        : new Check(Status.DOWN, "PING ok, breaker " + state + " (recovering)");
  }

  @Override
  public void close() {
    closed = true;
    StatefulConnection<String, String> current = connection;
    if (current != null) {
      current.close();
    }
    client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    resources.shutdown(0, 2, TimeUnit.SECONDS);
  }

  @Override
  public String toString() {
    return "RedisL2[" + settings.redactedUri() + ", breaker " + breakerState() + "]";
  }

  private RedisClusterCommands<String, String> commands() {
    RedisClusterCommands<String, String> ready = commands;
    if (ready != null) {
      return ready;
    }
    // Not connected yet (Redis was down at start-up): join the connect in flight, but never wait
    // longer than a command may take.
    try {
      return startConnect().get(settings.commandTimeout().toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      throw new RedisConnectionException("Redis L2 is still connecting", e);
    } catch (ExecutionException e) {
      throw new RedisConnectionException(
          "Redis L2 cannot connect: " + RedisClients.rootMessage(e), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RedisConnectionException("interrupted while connecting to Redis L2", e);
    }
  }

  /** The connect in flight, or a new one if none is; completes once the connection is in use. */
  private CompletableFuture<RedisClusterCommands<String, String>> startConnect() {
    synchronized (connectLock) {
      if (connecting != null && (!connecting.isDone() || commands != null)) {
        return connecting;
      }
      if (closed) {
        return CompletableFuture.failedFuture(new IllegalStateException("Redis L2 is closed"));
      }
      CompletableFuture<? extends StatefulConnection<String, String>> attempt;
      if (client instanceof RedisClusterClient cluster) {
        // The asynchronous cluster connect expects the topology already loaded; load it first
        // (also asynchronously: nothing here may block a caller).
        attempt =
            cluster
                .refreshPartitionsAsync()
                .toCompletableFuture()
                .thenCompose(loaded -> cluster.connectAsync(StringCodec.UTF8));
      } else {
        attempt =
            ((RedisClient) client)
                .connectAsync(StringCodec.UTF8, RedisClients.standaloneUri(settings))
                .toCompletableFuture();
      }
      // Installed before the future completes, so whoever waits on it finds the connection.
      CompletableFuture<RedisClusterCommands<String, String>> installed =
          attempt.thenApply(this::install);
      installed.whenComplete(
          (ok, failure) -> {
            if (failure != null) {
              unreachable.failed(failure);
            }
          });
      connecting = installed;
      return installed;
    }
  }

  private RedisClusterCommands<String, String> install(
      StatefulConnection<String, String> established) {
    if (closed) {
      established.closeAsync();
      throw new IllegalStateException("Redis L2 was closed while connecting");
    }
    RedisClusterCommands<String, String> sync =
        established instanceof StatefulRedisClusterConnection<String, String> cluster
            ? cluster.sync()
            : ((StatefulRedisConnection<String, String>) established).sync();
    connection = established;
    commands = sync;
    unreachable.connected();
    LOG.log(System.Logger.Level.INFO, "Redis L2 connected to {0}", settings.redactedUri());
    return sync;
  }
}
