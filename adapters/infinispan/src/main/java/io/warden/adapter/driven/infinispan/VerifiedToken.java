package io.warden.adapter.driven.infinispan;

import io.warden.application.port.driven.TokenCodec.AccessClaims;
import java.time.Instant;

/**
 * An L1 entry of the token cache: the claims of a token the next codec verified, and the instant it
 * did (before which the entry says nothing: the token might not have been valid yet).
 */
record VerifiedToken(AccessClaims claims, Instant verifiedAt) {
  /** Whether the entry may answer at {@code now}: not before the check, and strictly before exp. */
  boolean servableAt(Instant now) {
    return !now.isBefore(verifiedAt) && now.isBefore(claims.expiresAt());
  }
}
