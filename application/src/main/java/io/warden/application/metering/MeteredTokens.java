package io.warden.application.metering;

import io.warden.application.port.driven.Metrics;
import io.warden.application.port.driven.TokenCodec;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One tier of access-token verification, measured; issuing and the JWKS pass straight through. An
 * in-process tier is timed one call in {@link Metrics#SAMPLE_ONE_IN}.
 */
public final class MeteredTokens implements TokenCodec {
  private final Metrics metrics;
  private final Metrics.Tier tier;
  private final TokenCodec next;

  public MeteredTokens(Metrics metrics, Metrics.Tier tier, TokenCodec next) {
    this.metrics = Objects.requireNonNull(metrics, "metrics");
    this.tier = Objects.requireNonNull(tier, "tier");
    this.next = Objects.requireNonNull(next, "next");
  }

  @Override
  public String issue(AccessClaims claims) {
    return next.issue(claims);
  }

  @Override
  public Optional<AccessClaims> verify(String token, Instant now) {
    if (tier.sampled() && !Metrics.sampled()) {
      try {
        return next.verify(token, now);
      } finally {
        metrics.tier(tier, Metrics.Operation.TOKEN_VERIFY, 1);
      }
    }
    long start = System.nanoTime();
    try {
      return next.verify(token, now);
    } finally {
      metrics.tier(tier, Metrics.Operation.TOKEN_VERIFY, 1, System.nanoTime() - start);
    }
  }

  @Override
  public Optional<AccessClaims> verify(String text, int from, int to, Instant now) {
    if (tier.sampled() && !Metrics.sampled()) {
      try {
        return next.verify(text, from, to, now);
      } finally {
        metrics.tier(tier, Metrics.Operation.TOKEN_VERIFY, 1);
      }
    }
    long start = System.nanoTime();
    try {
      return next.verify(text, from, to, now);
    } finally {
      metrics.tier(tier, Metrics.Operation.TOKEN_VERIFY, 1, System.nanoTime() - start);
    }
  }

  @Override
  public String jwkSetJson() {
    return next.jwkSetJson();
  }
}
