package io.warden.application.service;

import java.time.Duration;

/**
 * The numbers the use cases are assembled with: token and session lifetimes, the size of a
 * cache-warming batch and how long an invitation stays valid. Validated here, once, so that no
 * service repeats it.
 *
 * @param accessTokenTtl lifetime of an access token, at least one second
 * @param refreshTokenTtl lifetime of a refresh token, positive
 * @param warmBatchSize members per query of a warming job, 1 to {@value #MAX_WARM_BATCH_SIZE}
 * @param sessionMaxLifetime absolute lifetime of a session (a login and its refresh family),
 *     positive: no refresh extends a session past it, and no token outlives its session
 * @param invitationTtl how long an invitation to join a tenant can be accepted, positive
 */
public record ServiceSettings(
    Duration accessTokenTtl,
    Duration refreshTokenTtl,
    int warmBatchSize,
    Duration sessionMaxLifetime,
    Duration invitationTtl) {
  public static final Duration DEFAULT_ACCESS_TOKEN_TTL = Duration.ofSeconds(900);
  public static final Duration DEFAULT_REFRESH_TOKEN_TTL = Duration.ofDays(30);
  public static final Duration DEFAULT_SESSION_MAX_LIFETIME = Duration.ofDays(7);

  /** Invitations expire after a week unless configured otherwise. */
  public static final Duration DEFAULT_INVITATION_TTL = Duration.ofDays(7);

  /** Members warmed per query unless configured otherwise. */
  public static final int DEFAULT_WARM_BATCH_SIZE = 500;

  /** Largest configurable batch: one query's id array must stay reasonable. */
  public static final int MAX_WARM_BATCH_SIZE = 10_000;

  public ServiceSettings {
    requirePositive(accessTokenTtl, "accessTokenTtl");
    requirePositive(refreshTokenTtl, "refreshTokenTtl");
    requirePositive(sessionMaxLifetime, "sessionMaxLifetime");
    requirePositive(invitationTtl, "invitationTtl");
    if (accessTokenTtl.toSeconds() < 1) {
      throw new IllegalArgumentException("accessTokenTtl must be at least one second");
    }
    if (warmBatchSize < 1 || warmBatchSize > MAX_WARM_BATCH_SIZE) {
      throw new IllegalArgumentException("warmBatchSize must be 1 to " + MAX_WARM_BATCH_SIZE);
    }
  }

  /** The default session and invitation lifetimes with the other numbers given. */
  public ServiceSettings(Duration accessTokenTtl, Duration refreshTokenTtl, int warmBatchSize) {
    this(
        accessTokenTtl,
        refreshTokenTtl,
        warmBatchSize,
        DEFAULT_SESSION_MAX_LIFETIME,
        DEFAULT_INVITATION_TTL);
  }

  /**
   * 15 minutes for access tokens, 30 days for refresh tokens, 500 members per warming query, 7 days
   * per session, 7 days for invitations.
   */
  public static ServiceSettings defaults() {
    return new ServiceSettings(
        DEFAULT_ACCESS_TOKEN_TTL, DEFAULT_REFRESH_TOKEN_TTL, DEFAULT_WARM_BATCH_SIZE);
  }

  private static void requirePositive(Duration duration, String name) {
    if (duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException(name + " must be positive");
    }
  }
}
