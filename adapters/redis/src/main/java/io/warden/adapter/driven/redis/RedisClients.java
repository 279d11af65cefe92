package io.warden.adapter.driven.redis;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Builds the Lettuce clients and circuit breakers of every Redis user in Warden (L2, its change
 * channel, the rate limits) from one {@link RedisL2Settings}, so that they all treat a slow or
 * absent Redis the same way: commands fail fast while disconnected instead of queueing, every
 * command and connect has its timeout, and the URI's own (Lettuce's 60 s default) never applies.
 */
public final class RedisClients {
  private static final System.Logger LOG = System.getLogger(RedisClients.class.getName());

  private RedisClients() {}

  /**
   * Client resources whose reconnect delay grows from 50 ms (or less) to the settings' maximum, so
   * that a Redis back from an outage is found again within {@code maxReconnectDelay}.
   */
  public static ClientResources resources(RedisL2Settings settings) {
    return ClientResources.builder()
        .reconnectDelay(
            Delay.exponential(
                Duration.ofMillis(Math.min(50, settings.maxReconnectDelay().toMillis())),
                settings.maxReconnectDelay(),
                2,
                TimeUnit.MILLISECONDS))
        .build();
  }

  /**
   * A standalone or cluster client (by the URI's scheme) on the given resources; connects nothing
   * yet.
   */
  public static AbstractRedisClient create(RedisL2Settings settings, ClientResources resources) {
    return settings.cluster()
        ? configure(RedisClusterClient.create(resources, clusterUris(settings)), settings)
        : configure(RedisClient.create(resources, standaloneUri(settings)), settings);
  }

  /** As {@link #create(RedisL2Settings, ClientResources)}, on Lettuce's default resources. */
  public static AbstractRedisClient create(RedisL2Settings settings) {
    return settings.cluster()
        ? configure(RedisClusterClient.create(clusterUris(settings)), settings)
        : configure(RedisClient.create(standaloneUri(settings)), settings);
  }

  /** The standalone URI with the command timeout as its own (never the 60 s default). */
  public static RedisURI standaloneUri(RedisL2Settings settings) {
    RedisURI uri = RedisURI.create(settings.uri());
    uri.setTimeout(settings.commandTimeout());
    return uri;
  }

  /**
   * A count-based circuit breaker named {@code name} with the settings' thresholds, which logs
   * every state transition as "{@code what} circuit breaker ...".
   */
  public static CircuitBreaker breaker(String name, String what, RedisL2Settings settings) {
    CircuitBreaker breaker = CircuitBreaker.of(name, breakerConfig(settings));
    breaker
        .getEventPublisher()
        .onStateTransition(
            event ->
                LOG.log(
                    System.Logger.Level.WARNING,
                    "{0} circuit breaker {1} ({2})",
                    what,
                    event.getStateTransition(),
                    settings.redactedUri()));
    return breaker;
  }

  /** The innermost cause's class and message: what a log line about a Redis failure needs. */
  public static String rootMessage(Throwable failure) {
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getClass().getSimpleName() + ": " + root.getMessage();
  }

  private static RedisClient configure(RedisClient client, RedisL2Settings settings) {
    client.setOptions(failFast(ClientOptions.builder(), settings).build());
    return client;
  }

  private static RedisClusterClient configure(RedisClusterClient client, RedisL2Settings settings) {
    client.setOptions(
        failFast(ClusterClientOptions.builder(), settings)
            .topologyRefreshOptions(
                ClusterTopologyRefreshOptions.builder()
                    .enableAllAdaptiveRefreshTriggers()
                    .enablePeriodicRefresh(Duration.ofSeconds(30))
                    .build())
            .build());
    return client;
  }

  /** The options every client shares, on a standalone or cluster options builder. */
  private static <B extends ClientOptions.Builder> B failFast(B builder, RedisL2Settings settings) {
    builder
        .autoReconnect(true)
        // Fail fast while disconnected instead of queueing commands for a replay later.
        .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
        .socketOptions(socketOptions(settings))
        .timeoutOptions(TimeoutOptions.enabled(settings.commandTimeout()));
    return builder;
  }

  private static SocketOptions socketOptions(RedisL2Settings settings) {
    return SocketOptions.builder()
        .connectTimeout(settings.connectTimeout())
        .keepAlive(true)
        .tcpNoDelay(true)
        .build();
  }

  private static List<RedisURI> clusterUris(RedisL2Settings settings) {
    String rest = settings.uri().substring(RedisL2Settings.CLUSTER_SCHEME.length());
    String userInfo = "";
    int at = rest.lastIndexOf('@');
    if (at >= 0) {
      userInfo = rest.substring(0, at + 1);
      rest = rest.substring(at + 1);
    }
    List<RedisURI> uris = new ArrayList<>();
    for (String node : rest.split(",")) {
      if (!node.isBlank()) {
        RedisURI uri = RedisURI.create("redis://" + userInfo + node.strip());
        uri.setTimeout(settings.commandTimeout());
        uris.add(uri);
      }
    }
    if (uris.isEmpty()) {
      throw new IllegalArgumentException("no cluster node in " + settings.redactedUri());
    }
    return uris;
  }

  private static CircuitBreakerConfig breakerConfig(RedisL2Settings settings) {
    RedisL2Settings.Breaker breaker = settings.breaker();
    return CircuitBreakerConfig.custom()
        .failureRateThreshold(breaker.failureRateThreshold())
        .slidingWindow(
            breaker.slidingWindowSize(),
            breaker.minimumNumberOfCalls(),
            CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
        .waitDurationInOpenState(breaker.waitInOpenState())
        .permittedNumberOfCallsInHalfOpenState(breaker.permittedCallsInHalfOpenState())
        // The next call after the wait half-opens the breaker; no scheduler thread needed.
        .automaticTransitionFromOpenToHalfOpenEnabled(false)
        .writableStackTraceEnabled(false)
        .build();
  }
}
