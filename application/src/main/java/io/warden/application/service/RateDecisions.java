package io.warden.application.service;

import io.warden.application.port.driving.RateLimitUseCase.Decision;

/** The decisions a limiter answers with, their remaining count clamped and reset in seconds. */
final class RateDecisions {
  private RateDecisions() {}

  static Decision allowed(long limit, long remaining, long nanosToReset) {
    return new Decision(
        true, limit, Math.max(0, Math.min(limit, remaining)), seconds(nanosToReset));
  }

  static Decision refused(long limit, long nanosToReset) {
    return new Decision(false, limit, 0, seconds(nanosToReset));
  }

  /** Whole seconds, rounded up, at least 1: a client waiting that long finds a new window. */
  private static long seconds(long nanos) {
    return Math.max(1, (nanos + 999_999_999L) / 1_000_000_000L);
  }
}
