package io.warden.application.port.driving;

import io.warden.domain.model.tenant.Tenant;
import io.warden.domain.model.tenant.TenantId;
import io.warden.domain.model.user.User;
import java.util.List;
import java.util.Optional;

/** Logging in, choosing a tenant, refreshing and ending sessions, and verifying access tokens. */
public interface AuthenticationUseCase {

  /**
   * Verifies credentials. Unknown e-mail, wrong password and deactivated user all fail with the
   * same {@link Unauthenticated} and take comparable time. With exactly one active tenant the token
   * is scoped to it.
   */
  LoginResult login(LoginCommand command);

  /** Verifies an access token and its revocation state; {@link Unauthenticated} otherwise. */
  Caller authenticate(String accessToken);

  /** Active tenants where the caller is an active member (every active tenant is not implied). */
  List<Tenant> tenantsOf(Caller caller);

  /** A token scoped to {@code tenantId}; {@link Forbidden} unless the caller may enter it. */
  TokenPair selectTenant(Caller caller, TenantId tenantId);

  /** Rotates a refresh token; reuse of a spent one revokes its whole family. */
  TokenPair refresh(String refreshToken);

  /** Ends the caller's session: this token and its refresh family. */
  void logout(Caller caller);

  /** Ends every session of the caller. */
  void logoutAll(Caller caller);

  /** The public signing keys as a JWK Set document. */
  String jwkSetJson();

  /** E-mail and password as typed; {@code clientAddress} is for rate limits and logs. */
  record LoginCommand(String email, String password, String clientAddress) {}

  /** A new access token with its refresh token; {@code tenant} set when the token is scoped. */
  record TokenPair(
      String accessToken, long expiresInSeconds, String refreshToken, Optional<Tenant> tenant) {}

  /** The outcome of a successful login. */
  record LoginResult(TokenPair tokens, User user, List<Tenant> tenants) {}
}
