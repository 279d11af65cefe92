package io.warden.application.service;

import java.time.Duration;
import java.util.Objects;

/**
 * The numbers the use cases are assembled with: token lifetimes, the size of a cache-warming batch
 * and how long an invitation stays valid. Validated here, once, so that no service repeats it.
 *
 * @param accessTokenTtl lifetime of an access token, at least one second
 * @param refreshTokenTtl lifetime of a refresh token, positive
 * @param warmBatchSize members per query of a warming job, 1 to {@value #MAX_WARM_BATCH_SIZE}
 * @param invitationTtl how long an invitation to join a tenant can be accepted, positive
 */
public record ServiceSettings(
    Duration accessTokenTtl, Duration refreshTokenTtl, int warmBatchSize, Duration invitationTtl) {
  public static final Duration DEFAULT_ACCESS_TOKEN_TTL = Duration.ofSeconds(900);
  public static final Duration DEFAULT_REFRESH_TOKEN_TTL = Duration.ofDays(30);

  /** Invitations expire after a week unless configured otherwise. */
  public static final Duration DEFAULT_INVITATION_TTL = Duration.ofDays(7);

  /** Members warmed per query unless configured otherwise. */
  public static final int DEFAULT_WARM_BATCH_SIZE = 500;

  /** Largest configurable batch: one query's id array must stay reasonable. */
  public static final int MAX_WARM_BATCH_SIZE = 10_000;

  public ServiceSettings {
    requirePositive(accessTokenTtl, "accessTokenTtl");
    requirePositive(refreshTokenTtl, "refreshTokenTtl");
    requirePositive(invitationTtl, "invitationTtl");
    if (accessTokenTtl.toSeconds() < 1) {
      throw new IllegalArgumentException("accessTokenTtl must be at least one second");
    }
    if (warmBatchSize < 1 || warmBatchSize > MAX_WARM_BATCH_SIZE) {
      throw new IllegalArgumentException("warmBatchSize must be 1 to " + MAX_WARM_BATCH_SIZE);
    }
  }

  /**
   * 15 minutes for access tokens, 30 days for refresh tokens, 500 members per warming query, 7 days
   * for invitations.
   */
  public static ServiceSettings defaults() {
    return new ServiceSettings(
        DEFAULT_ACCESS_TOKEN_TTL,
        DEFAULT_REFRESH_TOKEN_TTL,
        DEFAULT_WARM_BATCH_SIZE,
        DEFAULT_INVITATION_TTL);
  }

  public ServiceSettings withAccessTokenTtl(Duration ttl) {
    return new ServiceSettings(ttl, refreshTokenTtl, warmBatchSize, invitationTtl);
  }

  public ServiceSettings withRefreshTokenTtl(Duration ttl) {
    return new ServiceSettings(accessTokenTtl, ttl, warmBatchSize, invitationTtl);
  }

  public ServiceSettings withWarmBatchSize(int size) {
    return new ServiceSettings(accessTokenTtl, refreshTokenTtl, size, invitationTtl);
  }

  public ServiceSettings withInvitationTtl(Duration ttl) {
    return new ServiceSettings(accessTokenTtl, refreshTokenTtl, warmBatchSize, ttl);
  }

  private static void requirePositive(Duration duration, String name) {
    Objects.requireNonNull(duration, name);
    if (duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException(name + " must be positive");
    }
  }
}
