package io.warden.application.metering;

import io.warden.application.port.driven.Metrics;
import io.warden.application.port.driving.RateLimitUseCase;

/**
 * The rate limiter, measured: every decision is counted and one in {@link Metrics#SAMPLE_ONE_IN}
 * timed ({@code rate limit} operation: a decision is usually taken in-process, from a local lease,
 * in about the time two clock readings take), and every refusal counted under its class ({@code
 * warden_rate_limit_refusals_total{class="…"}} and {@code rateLimitRefusals} of the statistics). A
 * request the limiter could not decide (its store failed, 503) is counted as a decision, not as a
 * refusal.
 */
public final class MeteredRateLimits implements RateLimitUseCase {
  private final Metrics metrics;
  private final RateLimitUseCase next;

  public MeteredRateLimits(Metrics metrics, RateLimitUseCase next) {
    this.metrics = metrics;
    this.next = next;
  }

  @Override
  public Decision acquire(RateClass rateClass, String key) {
    boolean timed = Metrics.sampled();
    long start = timed ? System.nanoTime() : 0;
    try {
      Decision decision = next.acquire(rateClass, key);
      if (!decision.allowed()) {
        metrics.rateLimitRefused(rateClass.wireName());
      }
      return decision;
    } finally {
      if (timed) {
        metrics.operation(Metrics.Operation.RATE_LIMIT, System.nanoTime() - start);
      } else {
        metrics.operation(Metrics.Operation.RATE_LIMIT);
      }
    }
  }
}
