package io.warden.application.metering;

import io.warden.application.port.driven.Metrics;

/**
 * How the calls of one operation into one cache tier are measured: each is counted with its keys,
 * and timed unless the tier answers in-process ({@link Metrics.Tier#sampled()}) and the call is not
 * one of the one in {@link Metrics#SAMPLE_ONE_IN} that are. A decorator brackets each call:
 *
 * <pre>{@code
 * long started = timing.start();
 * try {
 *   return next.of(tenantId, userId);
 * } finally {
 *   timing.end(started, 1);
 * }
 * }</pre>
 *
 * <p>Brackets, not a method taking the call as a lambda: these calls are the hot path of every
 * check, where a lambda capturing the call's arguments would allocate on every call.
 */
final class TierTiming {
  /** What {@link #start} returns for a call it does not time. */
  private static final long UNTIMED = Long.MIN_VALUE;

  private final Metrics metrics;
  private final Metrics.Tier tier;
  private final Metrics.Operation operation;

  TierTiming(Metrics metrics, Metrics.Tier tier, Metrics.Operation operation) {
    this.metrics = metrics;
    this.tier = tier;
    this.operation = operation;
  }

  /** Before the call: the clock reading to time it from, or {@link #UNTIMED} (no clock read). */
  long start() {
    return tier.sampled() && !Metrics.sampled() ? UNTIMED : System.nanoTime();
  }

  /**
   * After the call, in its {@code finally}: counts its {@code keys}, timed from {@code started}
   * unless {@link #start} chose not to time it. A {@code started} read from {@link System#nanoTime}
   * itself times the call whatever the tier (were the clock to read exactly {@link Long#MIN_VALUE},
   * the call would be counted untimed, nothing worse).
   */
  void end(long started, int keys) {
    if (started == UNTIMED) {
      metrics.tier(tier, operation, keys);
    } else {
      metrics.tier(tier, operation, keys, System.nanoTime() - started);
    }
  }
}
