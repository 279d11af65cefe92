package io.warden.application.port.driving;

import java.util.Objects;

/** Refresh-token rotation: each refresh token is spent once. */
public interface TokenRefreshUseCase {

  /** Rotates a refresh token; reuse of a spent one revokes its whole family (and is refused). */
  RefreshResult refresh(String refreshToken);

  /** What a refresh came to. */
  sealed interface RefreshResult {

    /** The new pair; the refresh token presented is spent. */
    record Refreshed(TokenPair tokens) implements RefreshResult {
      public Refreshed {
        Objects.requireNonNull(tokens, "tokens");
      }
    }

    /**
     * Invalid, expired, revoked or spent before, {@link FailureKind#UNAUTHENTICATED}: the same
     * words for all. What the refusal changed (a reused token's family revoked) is committed.
     */
    record Refused(Failure failure) implements RefreshResult {
      public Refused {
        Objects.requireNonNull(failure, "failure");
      }
    }
  }
}
