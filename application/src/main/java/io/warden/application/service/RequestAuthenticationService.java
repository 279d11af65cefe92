package io.warden.application.service;

import io.warden.application.port.driven.SessionRepository;
import io.warden.application.port.driven.SessionRepository.SessionState;
import io.warden.application.port.driven.TokenCodec;
import io.warden.application.port.driven.TokenCodec.AccessClaims;
import io.warden.application.port.driving.Caller;
import io.warden.application.port.driving.RequestAuthenticationUseCase;
import io.warden.application.port.driving.RequestAuthenticationUseCase.BearerToken;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * The hot path: verifies an access token (signature, expiry) and its revocation state, both usually
 * answered by the in-process cache tier, and opens no transaction.
 */
public final class RequestAuthenticationService implements RequestAuthenticationUseCase {
  /**
   * The one answer to every access token that does not stand: forged, expired, unknown key, or
   * revoked (logged out, user or tenant deactivated, membership ended). The same words for all, so
   * a holder of a stolen token cannot tell whether it was revoked or simply never valid.
   */
  static final String INVALID_TOKEN = "invalid or expired token";

  private final SessionRepository sessions;
  private final TokenCodec tokenCodec;
  private final Clock clock;

  RequestAuthenticationService(SessionRepository sessions, TokenCodec tokenCodec, Clock clock) {
    this.sessions = sessions;
    this.tokenCodec = tokenCodec;
    this.clock = clock;
  }

  @Override
  public Authentication authenticate(String accessToken) {
    if (accessToken == null || accessToken.isBlank()) {
      return Authentication.Rejected.because(INVALID_TOKEN);
    }
    return authenticated(tokenCodec.verify(accessToken, clock.instant()));
  }

  /** The token verified where it was presented, without a copy of it (never blank: b64token). */
  @Override
  public Authentication authenticate(BearerToken.Presented presented) {
    return authenticated(
        tokenCodec.verify(presented.text(), presented.from(), presented.to(), clock.instant()));
  }

  private Authentication authenticated(Optional<AccessClaims> verified) {
    if (verified.isEmpty()) {
      return Authentication.Rejected.because(INVALID_TOKEN);
    }
    AccessClaims claims = verified.get();
    // No transaction around it: the state of a warm token comes from a cache, and opening one
    // would cost a database round trip on every request (and fail them all while it is down).
    Optional<SessionState> state =
        sessions.state(claims.subject(), claims.sessionId(), claims.tokenId(), claims.tenantId());
    if (state.isEmpty() || !standsAfterRevocations(claims, state.get())) {
      return Authentication.Rejected.because(INVALID_TOKEN);
    }
    return new Authentication.Authenticated(
        new Caller(
            claims.subject(),
            claims.tenantId(),
            state.get().systemAdmin(),
            claims.sessionId(),
            claims.tokenId(),
            claims.expiresAt()));
  }

  /** Whether a verified token still stands in {@code state} (also asked by the event streams). */
  static boolean standsAfterRevocations(AccessClaims claims, SessionState state) {
    if (!state.userActive() || state.sessionRevoked() || state.tokenRevoked()) {
      return false;
    }
    // iat has second precision: a token issued in an earlier second than "tokens valid after" is
    // void. One issued earlier in the same second belongs to a session that the same change
    // revoked, so the truncation opens no gap.
    Instant validAfter = state.tokensValidAfter().truncatedTo(ChronoUnit.SECONDS);
    if (claims.issuedAt().isBefore(validAfter)) {
      return false;
    }
    if (claims.tenantId().isPresent()) {
      return state.tenantActive() && (state.member() || state.systemAdmin());
    }
    return true;
  }
}
