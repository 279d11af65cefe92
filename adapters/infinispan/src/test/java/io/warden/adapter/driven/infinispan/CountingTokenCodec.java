package io.warden.adapter.driven.infinispan;

import io.warden.application.port.driven.TokenCodec;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A codec that accepts exactly the token strings it issued (or was told to accept), from their
 * {@code iat} until before their {@code exp}, and counts its calls. Any other string — however much
 * it resembles an issued token — is refused, as a signature check refuses it.
 */
final class CountingTokenCodec implements TokenCodec {
  static final String JWKS = "{\"keys\":[]}";

  private final Map<String, AccessClaims> issued = new ConcurrentHashMap<>();
  private final AtomicInteger verifyCalls = new AtomicInteger();
  private final AtomicInteger issueCalls = new AtomicInteger();
  private final AtomicInteger jwksCalls = new AtomicInteger();

  @Override
  public String issue(AccessClaims claims) {
    issueCalls.incrementAndGet();
    // Header and payload name the claims, the "signature" makes each token unique.
    String token =
        "h."
            + claims.subject()
            + "-"
            + claims.tokenId()
            + "."
            + UUID.randomUUID().toString().replace("-", "");
    issued.put(token, claims);
    return token;
  }

  /** From now on {@code token} is refused, as when the key that signed it retired. */
  void refuse(String token) {
    issued.remove(token);
  }

  /** From now on {@code token} verifies to {@code claims}, whatever it looks like. */
  void accept(String token, AccessClaims claims) {
    issued.put(token, claims);
  }

  @Override
  public Optional<AccessClaims> verify(String token, Instant now) {
    verifyCalls.incrementAndGet();
    AccessClaims claims = token == null ? null : issued.get(token);
    if (claims == null || now.isBefore(claims.issuedAt()) || !now.isBefore(claims.expiresAt())) {
      return Optional.empty();
    }
    return Optional.of(claims);
  }

  @Override
  public String jwkSetJson() {
    jwksCalls.incrementAndGet();
    return JWKS;
  }

  int verifyCalls() {
    return verifyCalls.get();
  }

  int issueCalls() {
    return issueCalls.get();
  }

  int jwksCalls() {
    return jwksCalls.get();
  }
}
