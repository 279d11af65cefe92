package io.warden.application.port.driving;

/** The hot path of every request: an access token verified, and its caller found. */
public interface RequestAuthenticationUseCase {

  /** Verifies an access token and its revocation state; {@link Unauthenticated} otherwise. */
  Caller authenticate(String accessToken);
}
