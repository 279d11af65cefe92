package io.warden.application.fake;

import io.warden.application.port.driven.TokenCodec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A token codec for tests only: a token is a random handle to the claims it was issued with, so
 * only tokens this codec issued verify (as only signed ones would), and never at or past {@code
 * exp}. Times are truncated to seconds, as in a JWT.
 */
public final class FakeTokenCodec implements TokenCodec {
  private final Map<String, AccessClaims> issued = new ConcurrentHashMap<>();
  private final AtomicInteger verifications = new AtomicInteger();

  @Override
  public String issue(AccessClaims claims) {
    String token = "fake-token." + UUID.randomUUID();
    issued.put(
        token,
        new AccessClaims(
            claims.subject(),
            claims.sessionId(),
            claims.tokenId(),
            claims.issuedAt().truncatedTo(ChronoUnit.SECONDS),
            claims.expiresAt().truncatedTo(ChronoUnit.SECONDS),
            claims.tenantId()));
    return token;
  }

  @Override
  public Optional<AccessClaims> verify(String token, Instant now) {
    verifications.incrementAndGet();
    if (token == null) {
      return Optional.empty();
    }
    return Optional.ofNullable(issued.get(token)).filter(c -> now.isBefore(c.expiresAt()));
  }

  @Override
  public String jwkSetJson() {
    return "{\"keys\":[]}";
  }

  /** The claims a token was issued with, whether or not it has expired. */
  public Optional<AccessClaims> claimsOf(String token) {
    return Optional.ofNullable(issued.get(token));
  }

  public int verifications() {
    return verifications.get();
  }
}
