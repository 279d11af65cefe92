package io.warden.application.port.driving;

import java.util.Locale;

/**
 * The rate limits of the contract: five classes, each a number of requests per key and window.
 * {@link #acquire} spends one request of a key's quota, or refuses it.
 */
public interface RateLimitUseCase {

  /** A limiter that limits nothing: every class disabled. */
  RateLimitUseCase UNLIMITED = (rateClass, key) -> Decision.UNLIMITED;

  /**
   * Spends one request of {@code key}'s quota in {@code rateClass}. Never blocks for longer than
   * two calls to the shared store (and usually not at all: quota is spent from a local lease).
   *
   * @param key who is limited, e.g. user and tenant; any text, used as is in the shared store's key
   * @throws io.warden.application.port.driven.Overloaded (503, retry shortly) when the shared store
   *     failed to answer twice without being declared down, or the instance is shutting down
   */
  Decision acquire(RateClass rateClass, String key);

  /** The rate-limit classes of the HTTP contract (docs/api.md), each with its window. */
  enum RateClass {
    /** Client address + email (login), client address (refresh), per 15 minutes. */
    AUTH(900),
    /** User + tenant, per minute. */
    API(60),
    /** User + tenant for the permission checks, per minute. */
    CHECK(60),
    /** User, per 15 minutes (reserved: no endpoint spends it yet). */
    MFA(900),
    /** User, per minute (bulk imports). */
    UPLOAD(60);

    private final int windowSeconds;

    RateClass(int windowSeconds) {
      this.windowSeconds = windowSeconds;
    }

    public int windowSeconds() {
      return windowSeconds;
    }

    /** {@code auth}, {@code api}, ...: the name in keys, logs and metrics. */
    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * The answer for one request.
   *
   * @param allowed whether the request may proceed
   * @param limit the limit in force ({@code RateLimit-Limit}); negative when the class is disabled
   * @param remaining what is left of it in this window ({@code RateLimit-Remaining}), an estimate
   *     when the quota is shared between instances
   * @param resetSeconds seconds until the window resets ({@code RateLimit-Reset}; also {@code
   *     Retry-After} of a refusal), at least 1 when limited
   */
  record Decision(boolean allowed, long limit, long remaining, long resetSeconds) {
    /** The answer of a disabled class: allowed, no headers. */
    public static final Decision UNLIMITED = new Decision(true, -1, -1, 0);

    /** Whether a limit applies (and the response carries the rate-limit headers). */
    public boolean limited() {
      return limit >= 0;
    }
  }
}
