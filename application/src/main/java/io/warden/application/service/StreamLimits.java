package io.warden.application.service;

/**
 * How many permission event streams ({@code GET /api/me/events}) one instance holds open: at most
 * {@code perUser} for one user and {@code perInstance} in all. Both are per instance: behind a load
 * balancer a user's streams spread over the instances.
 */
public record StreamLimits(int perUser, int perInstance) {
  /** A few tabs and devices per user. */
  public static final int DEFAULT_PER_USER = 10;

  /**
   * An idle stream costs a socket and 22 to 32 KiB of heap (measured: its parked virtual thread's
   * frames, Helidon's 8 KiB read buffer, the request): 2,000 take up to 64 MiB of {@code
   * bin/warden}'s 160 MiB default heap, which ran out at about 5,000 (the instance stopped on
   * {@code OutOfMemoryError}, BENCHMARKS.md item 13). More streams: a bigger {@code WARDEN_HEAP}
   * first (512 MiB for 10,000), then this cap.
   */
  public static final int DEFAULT_PER_INSTANCE = 2_000;

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
