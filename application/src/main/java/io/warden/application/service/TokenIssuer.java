package io.warden.application.service;

import io.warden.application.port.driven.SessionRepository;
import io.warden.application.port.driven.TenantRepository;
import io.warden.application.port.driven.TokenCodec;
import io.warden.application.port.driven.TokenCodec.AccessClaims;
import io.warden.application.port.driving.TokenPair;
import io.warden.application.port.driving.Unauthenticated;
import io.warden.domain.model.tenant.Tenant;
import io.warden.domain.model.tenant.TenantId;
import io.warden.domain.model.user.UserId;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * What login, tenant selection and refresh share: which tenant a user may enter, when a session
 * ends, storing a refresh token of a session, and signing an access token. Not a use case: a part
 * of three. No token it issues outlives its session: refresh tokens and access tokens expire at the
 * session's end at the latest.
 */
final class TokenIssuer {
  private final TenantRepository tenants;
  private final SessionRepository sessions;
  private final TokenCodec tokenCodec;
  private final Duration accessTokenTtl;
  private final Duration refreshTokenTtl;
  private final Duration sessionMaxLifetime;

  TokenIssuer(
      TenantRepository tenants,
      SessionRepository sessions,
      TokenCodec tokenCodec,
      Duration accessTokenTtl,
      Duration refreshTokenTtl,
      Duration sessionMaxLifetime) {
    this.tenants = tenants;
    this.sessions = sessions;
    this.tokenCodec = tokenCodec;
    this.accessTokenTtl = accessTokenTtl;
    this.refreshTokenTtl = refreshTokenTtl;
    this.sessionMaxLifetime = sessionMaxLifetime;
  }

  /** The end of a session opened at {@code createdAt}: no refresh moves it. */
  Instant sessionEnd(Instant createdAt) {
    return createdAt.plus(sessionMaxLifetime);
  }

  /**
   * The end of a session that must still be live at {@code now}; runs inside the caller's
   * transaction. A session gone or over is refused like an invalid token.
   */
  Instant liveSessionEnd(String sessionId, Instant now) {
    return sessions
        .sessionExpiry(sessionId)
        .filter(now::isBefore)
        .orElseThrow(() -> new Unauthenticated("the session has ended"));
  }

  /**
   * The tenant, if it is active and the user may enter it: as an active member, or as a system
   * administrator. Runs inside an {@code acrossTenants} transaction.
   */
  Optional<Tenant> mayEnter(UserId userId, boolean systemAdmin, TenantId tenantId) {
    Optional<Tenant> tenant = tenants.findById(tenantId).filter(Tenant::active);
    if (tenant.isEmpty() || systemAdmin) {
      return tenant;
    }
    boolean member =
        tenants.activeTenantsOf(userId).stream().anyMatch(t -> t.id().equals(tenantId));
    return member ? tenant : Optional.empty();
  }

  /**
   * Stores a new refresh token of the session, expiring with the session at the latest; runs inside
   * the caller's transaction.
   */
  Issued storeRefreshToken(
      String sessionId,
      List<Tenant> tenants,
      Optional<Tenant> scope,
      Instant now,
      Instant sessionEnd) {
    String refreshToken = Secrets.newRefreshToken();
    sessions.storeRefreshToken(
        Secrets.sha256Hex(refreshToken),
        sessionId,
        scope.map(Tenant::id),
        earlier(now.plus(refreshTokenTtl), sessionEnd));
    return new Issued(tenants, scope, refreshToken, sessionEnd);
  }

  /** Signs the access token outside any transaction: signing needs no database. */
  TokenPair signAccessToken(UserId userId, String sessionId, Issued issued, Instant now) {
    // JWT times have second precision; issuing with it keeps the claims the same before and after
    // a round trip through the codec.
    // A token must not outlive its session: its exp is the session's end when that comes first,
    // rounded down to the second so that the claim never lies past it.
    Instant issuedAt = now.truncatedTo(ChronoUnit.SECONDS);
    Instant expiresAt =
        earlier(issuedAt.plus(accessTokenTtl), issued.sessionEnd().truncatedTo(ChronoUnit.SECONDS));
    AccessClaims claims =
        new AccessClaims(
            userId,
            sessionId,
            UUID.randomUUID().toString(),
            issuedAt,
            expiresAt,
            issued.scope().map(Tenant::id));
    return new TokenPair(
        tokenCodec.issue(claims),
        Math.max(0, Duration.between(issuedAt, expiresAt).toSeconds()),
        issued.refreshToken(),
        issued.scope());
  }

  private static Instant earlier(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }

  /**
   * What a transaction decided to issue: the scope, the (already stored) refresh token and the end
   * of its session.
   */
  record Issued(
      List<Tenant> tenants, Optional<Tenant> scope, String refreshToken, Instant sessionEnd) {}
}
