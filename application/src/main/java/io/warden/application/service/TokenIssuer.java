package io.warden.application.service;

import io.warden.application.port.driven.SessionRepository;
import io.warden.application.port.driven.TenantRepository;
import io.warden.application.port.driven.TokenCodec;
import io.warden.application.port.driven.TokenCodec.AccessClaims;
import io.warden.application.port.driving.TokenPair;
import io.warden.domain.model.tenant.Tenant;
import io.warden.domain.model.tenant.TenantId;
import io.warden.domain.model.user.UserId;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * What login, tenant selection and refresh share: which tenant a user may enter, storing a refresh
 * token of a session, and signing an access token. Not a use case: a part of three.
 */
final class TokenIssuer {
  private final TenantRepository tenants;
  private final SessionRepository sessions;
  private final TokenCodec tokenCodec;
  private final Duration accessTokenTtl;
  private final Duration refreshTokenTtl;

  TokenIssuer(
      TenantRepository tenants,
      SessionRepository sessions,
      TokenCodec tokenCodec,
      Duration accessTokenTtl,
      Duration refreshTokenTtl) {
    this.tenants = Objects.requireNonNull(tenants, "tenants");
    this.sessions = Objects.requireNonNull(sessions, "sessions");
    this.tokenCodec = Objects.requireNonNull(tokenCodec, "tokenCodec");
    this.accessTokenTtl = Objects.requireNonNull(accessTokenTtl, "accessTokenTtl");
    this.refreshTokenTtl = Objects.requireNonNull(refreshTokenTtl, "refreshTokenTtl");
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

  /** Stores a new refresh token of the session; runs inside the caller's transaction. */
  Issued storeRefreshToken(
      String sessionId, List<Tenant> tenants, Optional<Tenant> scope, Instant now) {
    String refreshToken = Secrets.newRefreshToken();
    sessions.storeRefreshToken(
        Secrets.sha256Hex(refreshToken),
        sessionId,
        scope.map(Tenant::id),
        now.plus(refreshTokenTtl));
    return new Issued(tenants, scope, refreshToken);
  }

  /** Signs the access token outside any transaction: signing needs no database. */
  TokenPair signAccessToken(UserId userId, String sessionId, Issued issued, Instant now) {
    // JWT times have second precision; issuing with it keeps the claims the same before and after
    // a round trip through the codec.
    Instant issuedAt = now.truncatedTo(ChronoUnit.SECONDS);
    AccessClaims claims =
        new AccessClaims(
            userId,
            sessionId,
            UUID.randomUUID().toString(),
            issuedAt,
            issuedAt.plus(accessTokenTtl),
            issued.scope().map(Tenant::id));
    return new TokenPair(
        tokenCodec.issue(claims),
        accessTokenTtl.toSeconds(),
        issued.refreshToken(),
        issued.scope());
  }

  /** What a transaction decided to issue: the scope and the (already stored) refresh token. */
  record Issued(List<Tenant> tenants, Optional<Tenant> scope, String refreshToken) {}
}
