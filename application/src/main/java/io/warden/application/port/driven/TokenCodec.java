package io.warden.application.port.driven;

import io.warden.domain.model.tenant.TenantId;
import io.warden.domain.model.user.UserId;
import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Issues and verifies signed access tokens (JWTs) and publishes the public keys. Instants travel at
 * whole seconds (JWT NumericDates): a token verifies to its claims with both instants truncated. An
 * adapter keeps {@code TokenCodecContract} (the application's test-jar).
 */
public interface TokenCodec {

  String issue(AccessClaims claims);

  /**
   * Verifies signature, issuer, algorithm and expiry against {@code now} (valid strictly before
   * {@code exp}); empty for any token that is not valid, including {@code null}, never an
   * exception.
   */
  Optional<AccessClaims> verify(@Nullable String token, Instant now);

  /**
   * {@link #verify(String, Instant)} of the token that is characters {@code from} (inclusive) to
   * {@code to} (exclusive) of {@code text}: a token inside its {@code Authorization} header value.
   * This default copies it out; a codec that can verify it in place (a cache answering from a
   * digest of it) spares every request that copy of a few hundred characters.
   *
   * @throws IndexOutOfBoundsException unless {@code 0 <= from <= to <= text.length()}
   */
  default Optional<AccessClaims> verify(String text, int from, int to, Instant now) {
    return verify(text.substring(from, to), now); // substring checks the bounds
  }

  /** The public keys as a JWK Set JSON document. */
  String jwkSetJson();

  /**
   * The claims of an access token: {@code sub}, {@code sid} (session), {@code jti}, {@code iat},
   * {@code exp} and {@code tid} when tenant-scoped.
   */
  record AccessClaims(
      UserId subject,
      String sessionId,
      String tokenId,
      Instant issuedAt,
      Instant expiresAt,
      Optional<TenantId> tenantId) {}
}
