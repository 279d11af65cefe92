package io.warden.application.port.driving;

import java.util.Optional;

/** Refresh-token rotation: each refresh token is spent once. */
public interface TokenRefreshUseCase {

  /**
   * Rotates a refresh token; reuse of a spent one revokes its whole family (and is refused), and
   * writes an audit event carrying {@code requestId}.
   */
  RefreshResult refresh(String refreshToken, Optional<String> requestId);

  /** The same for a refresh of no particular request. */
  default RefreshResult refresh(String refreshToken) {
    return refresh(refreshToken, Optional.empty());
  }

  /** What a refresh came to. */
  sealed interface RefreshResult {

    /** The new pair; the refresh token presented is spent. */
    record Refreshed(TokenPair tokens) implements RefreshResult {}

    /**
     * Invalid, expired, revoked or spent before, {@link FailureKind#UNAUTHENTICATED}: the same
     * words for all. What the refusal changed (a reused token's family revoked) is committed.
     */
    record Refused(Failure failure) implements RefreshResult {}
  }
}
