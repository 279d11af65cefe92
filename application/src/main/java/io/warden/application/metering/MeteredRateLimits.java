package io.warden.application.metering;

import io.warden.application.port.driven.Metrics;
import io.warden.application.port.driving.RateLimitUseCase;
import java.util.Objects;

/**
 * The rate limiter, measured: every decision is timed ({@code rate limit} operation) and every
 * refusal counted under its class ({@code warden_rate_limit_refusals_total{class="…"}} and {@code
 * rateLimitRefusals} of the statistics). A request the limiter could not decide (its store failed,
 * 503) is timed, not counted as a refusal.
 */
public final class MeteredRateLimits implements RateLimitUseCase {
  private final Metrics metrics;
  private final RateLimitUseCase next;

  public MeteredRateLimits(Metrics metrics, RateLimitUseCase next) {
    this.metrics = Objects.requireNonNull(metrics, "metrics");
    this.next = Objects.requireNonNull(next, "next");
  }

  @Override
  public Decision acquire(RateClass rateClass, String key) {
    long start = System.nanoTime();
    try {
      Decision decision = next.acquire(rateClass, key);
      if (!decision.allowed()) {
        metrics.rateLimitRefused(rateClass.wireName());
      }
      return decision;
    } finally {
      metrics.operation(Metrics.Operation.RATE_LIMIT, System.nanoTime() - start);
    }
  }
}
