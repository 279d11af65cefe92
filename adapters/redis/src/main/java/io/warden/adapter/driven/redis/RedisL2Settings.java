package io.warden.adapter.driven.redis;

import java.time.Duration;

/**
 * How {@link RedisL2} connects and when its circuit breaker opens.
 *
 * <p>{@code uri} is {@code redis://[password@]host:port[/db]} (or {@code rediss://}) for a
 * standalone Redis, or {@code redis-cluster://host:port[,host:port...]} for Redis Cluster. The
 * command timeout replaces Lettuce's default of 60 s on every command: no request ever waits longer
 * for Redis than this.
 *
 * @param commandTimeout the longest any single Redis command may take (default 50 ms)
 * @param connectTimeout the longest a TCP connect may take (default 250 ms)
 * @param maxReconnectDelay the cap of the exponential back-off between reconnect attempts (1 s)
 * @param breaker when the circuit breaker opens and closes again ({@link Breaker#DEFAULT})
 */
public record RedisL2Settings(
    String uri,
    Duration commandTimeout,
    Duration connectTimeout,
    Duration maxReconnectDelay,
    Breaker breaker) {

  public static final String CLUSTER_SCHEME = "redis-cluster://";

  public RedisL2Settings {
    requirePositive(commandTimeout, "commandTimeout");
    requirePositive(connectTimeout, "connectTimeout");
    requirePositive(maxReconnectDelay, "maxReconnectDelay");
  }

  /**
   * When the circuit breaker in front of Redis opens, and how it closes again.
   *
   * @param failureRateThreshold percentage of failed calls in the window that opens the breaker
   * @param slidingWindowSize the number of recent calls the failure rate is computed over
   * @param minimumNumberOfCalls calls needed in the window before the rate is judged
   * @param waitInOpenState how long the open breaker rejects calls before trying again
   * @param permittedCallsInHalfOpenState trial calls that decide whether to close again
   */
  public record Breaker(
      float failureRateThreshold,
      int slidingWindowSize,
      int minimumNumberOfCalls,
      Duration waitInOpenState,
      int permittedCallsInHalfOpenState) {

    /** Open at 50 % of the last 20 calls (10 at least), for 5 s, then 3 trial calls. */
    public static final Breaker DEFAULT = new Breaker(50f, 20, 10, Duration.ofSeconds(5), 3);

    public Breaker {
      if (!(failureRateThreshold > 0 && failureRateThreshold <= 100)) {
        throw new IllegalArgumentException("failureRateThreshold must be in (0, 100]");
      }
      if (slidingWindowSize < 1 || minimumNumberOfCalls < 1 || permittedCallsInHalfOpenState < 1) {
        throw new IllegalArgumentException("window sizes and call counts must be at least 1");
      }
      requirePositive(waitInOpenState, "waitInOpenState");
    }

    @Override
    public String toString() {
      return failureRateThreshold
          + "% of "
          + slidingWindowSize
          + " (min "
          + minimumNumberOfCalls
          + "), open "
          + waitInOpenState
          + ", half-open calls "
          + permittedCallsInHalfOpenState;
    }
  }

  /**
   * The defaults for {@code uri}: 50 ms commands, 250 ms connects, breaker 50 % of 20, 5 s open.
   */
  public static RedisL2Settings defaults(String uri) {
    return new RedisL2Settings(
        uri, Duration.ofMillis(50), Duration.ofMillis(250), Duration.ofSeconds(1), Breaker.DEFAULT);
  }

  /** The URI without its password, for logs and {@link #toString()}. */
  public String redactedUri() {
    return uri.replaceFirst("//[^@/]*@", "//***@");
  }

  @Override
  public String toString() {
    return "RedisL2Settings[uri="
        + redactedUri()
        + ", commandTimeout="
        + commandTimeout
        + ", connectTimeout="
        + connectTimeout
        + ", maxReconnectDelay="
        + maxReconnectDelay
        + ", breaker="
        + breaker
        + "]";
  }

  public boolean cluster() {
    return uri.startsWith(CLUSTER_SCHEME);
  }

  public RedisL2Settings withCommandTimeout(Duration timeout) {
    return new RedisL2Settings(uri, timeout, connectTimeout, maxReconnectDelay, breaker);
  }

  public RedisL2Settings withConnectTimeout(Duration timeout) {
    return new RedisL2Settings(uri, commandTimeout, timeout, maxReconnectDelay, breaker);
  }

  public RedisL2Settings withMaxReconnectDelay(Duration delay) {
    return new RedisL2Settings(uri, commandTimeout, connectTimeout, delay, breaker);
  }

  /** The breaker: open at {@code failureRate} % of the last {@code window} calls (min. calls). */
  public RedisL2Settings withBreaker(
      float failureRate, int window, int minimumCalls, Duration waitOpen, int halfOpenCalls) {
    return new RedisL2Settings(
        uri,
        commandTimeout,
        connectTimeout,
        maxReconnectDelay,
        new Breaker(failureRate, window, minimumCalls, waitOpen, halfOpenCalls));
  }

  private static void requirePositive(Duration duration, String name) {
    if (duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException(name + " must be positive");
    }
  }
}
