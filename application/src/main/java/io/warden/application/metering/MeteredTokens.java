package io.warden.application.metering;

import io.warden.application.port.driven.Metrics;
import io.warden.application.port.driven.TokenCodec;
import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One tier of access-token verification, measured; issuing and the JWKS pass straight through. An
 * in-process tier is timed one call in {@link Metrics#SAMPLE_ONE_IN}.
 */
public final class MeteredTokens implements TokenCodec {
  private final TierTiming verifying;
  private final TokenCodec next;

  public MeteredTokens(Metrics metrics, Metrics.Tier tier, TokenCodec next) {
    this.verifying = new TierTiming(metrics, tier, Metrics.Operation.TOKEN_VERIFY);
    this.next = next;
  }

  @Override
  public String issue(AccessClaims claims) {
    return next.issue(claims);
  }

  @Override
  public Optional<AccessClaims> verify(@Nullable String token, Instant now) {
    long started = verifying.start();
    try {
      return next.verify(token, now);
    } finally {
      verifying.end(started, 1);
    }
  }

  @Override
  public Optional<AccessClaims> verify(String text, int from, int to, Instant now) {
    long started = verifying.start();
    try {
      return next.verify(text, from, to, now);
    } finally {
      verifying.end(started, 1);
    }
  }

  @Override
  public String jwkSetJson() {
    return next.jwkSetJson();
  }
}
