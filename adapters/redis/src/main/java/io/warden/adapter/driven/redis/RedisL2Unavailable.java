package io.warden.adapter.driven.redis;

/**
 * A Redis call did not succeed: it timed out, the connection is down, Redis answered with an error,
 * or the circuit breaker is open and the call was not even tried. Callers fall back; they never
 * turn this into a different answer.
 */
public final class RedisL2Unavailable extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public RedisL2Unavailable(String message, Throwable cause) {
    super(message, cause);
  }
}
