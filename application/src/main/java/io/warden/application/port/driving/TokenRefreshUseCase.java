package io.warden.application.port.driving;

/** Refresh-token rotation: each refresh token is spent once. */
public interface TokenRefreshUseCase {

  /** Rotates a refresh token; reuse of a spent one revokes its whole family. */
  TokenPair refresh(String refreshToken);
}
