package io.warden.application.port.driving;

import io.warden.domain.model.tenant.TenantId;
import io.warden.domain.model.user.UserId;
import java.time.Instant;
import java.util.Optional;

/**
 * The authenticated subject of a request, from a verified and unrevoked access token.
 *
 * @param sessionId the login (refresh family) the token descends from
 * @param tokenId the token's {@code jti}
 * @param requestId the id of the request the caller makes ({@code X-Request-Id}), which the audit
 *     events of its changes carry; the driving adapter adds it ({@link #withRequestId})
 */
public record Caller(
    UserId userId,
    Optional<TenantId> tenantId,
    boolean systemAdmin,
    String sessionId,
    String tokenId,
    Instant expiresAt,
    Optional<String> requestId) {
  /** A caller of no particular request (yet). */
  public Caller(
      UserId userId,
      Optional<TenantId> tenantId,
      boolean systemAdmin,
      String sessionId,
      String tokenId,
      Instant expiresAt) {
    this(userId, tenantId, systemAdmin, sessionId, tokenId, expiresAt, Optional.empty());
  }

  /** The same caller making the request {@code requestId}. */
  public Caller withRequestId(String requestId) {
    return new Caller(
        userId, tenantId, systemAdmin, sessionId, tokenId, expiresAt, Optional.of(requestId));
  }

  /** The tenant of a tenant-scoped token, or a {@link Forbidden} when the token has none. */
  public TenantId requireTenant() {
    return tenantId.orElseThrow(
        () -> new Forbidden("this operation needs a tenant-scoped token: select a tenant first"));
  }
}
