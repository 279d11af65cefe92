package io.warden.application.service;

/**
 * How many permission event streams ({@code GET /api/me/events}) one instance holds open: at most
 * {@code perUser} for one user and {@code perInstance} in all. Both are per instance: behind a load
 * balancer a user's streams spread over the instances.
 */
public record StreamLimits(int perUser, int perInstance) {
  /** A few tabs and devices per user. */
  public static final int DEFAULT_PER_USER = 10;

  /** Idle streams cost a parked virtual thread and a socket each; 20,000 fit in the default heap. */
  public static final int DEFAULT_PER_INSTANCE = 20_000;

  public StreamLimits {
    if (perUser < 1) {
      throw new IllegalArgumentException("perUser must be at least 1");
    }
    if (perInstance < 1) {
      throw new IllegalArgumentException("perInstance must be at least 1");
    }
  }

  public static StreamLimits defaults() {
    return new StreamLimits(DEFAULT_PER_USER, DEFAULT_PER_INSTANCE);
  }
}
