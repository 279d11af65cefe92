package io.warden.application.service;

import io.warden.application.port.driven.SessionRepository;
import io.warden.application.port.driven.SessionRepository.RefreshToken;
import io.warden.application.port.driven.UserRepository;
import io.warden.application.port.driving.Failure;
import io.warden.application.port.driving.FailureKind;
import io.warden.application.port.driving.TokenRefreshUseCase;
import io.warden.domain.event.RbacEvent;
import io.warden.domain.model.tenant.Tenant;
import io.warden.domain.model.user.User;
import io.warden.domain.model.user.UserId;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Rotates refresh tokens: each is spent once for a new pair; a spent one that comes back revokes
 * its whole family, since either copy may be a thief's. A session ends at its fixed end whatever
 * refreshes happen: the new tokens expire by then, and after it every refresh is refused.
 */
public final class TokenRefreshService implements TokenRefreshUseCase {
  static final String INVALID_REFRESH_TOKEN = "invalid, expired or revoked refresh token";

  private final ChangeTransactions changes;
  private final UserRepository users;
  private final SessionRepository sessions;
  private final TokenIssuer issuer;
  private final Clock clock;

  TokenRefreshService(
      ChangeTransactions changes,
      UserRepository users,
      SessionRepository sessions,
      TokenIssuer issuer,
      Clock clock) {
    this.changes = changes;
    this.users = users;
    this.sessions = sessions;
    this.issuer = issuer;
    this.clock = clock;
  }

  @Override
  public RefreshResult refresh(String refreshToken, Optional<String> requestId) {
    Optional<String> request = requestId == null ? Optional.empty() : requestId;
    if (refreshToken == null || refreshToken.isBlank()) {
      return refused();
    }
    String hash = Secrets.sha256Hex(refreshToken);
    Instant now = clock.instant();
    // Every outcome commits: spending the token, and revoking the family on reuse, must stand
    // even though the caller is then refused. So the transaction returns the verdict, and the
    // answer is given after it.
    return switch (changes.acrossTenants(c -> rotate(hash, now, request, c))) {
      case Rotation.Rotated r ->
          new RefreshResult.Refreshed(
              issuer.signAccessToken(r.userId(), r.sessionId(), r.issued(), now));
      case Rotation.Refused r -> refused();
    };
  }

  private static RefreshResult refused() {
    return new RefreshResult.Refused(
        Failure.of(FailureKind.UNAUTHENTICATED, INVALID_REFRESH_TOKEN));
  }

  /**
   * Only a reuse is audited (written with the family's revocation, in this transaction); a
   * rotation, and a refusal that changes nothing, are routine.
   */
  private Rotation rotate(
      String hash, Instant now, Optional<String> requestId, ChangeTransactions.Changes c) {
    Optional<RefreshToken> spent = sessions.spend(hash, now);
    if (spent.isEmpty()) {
      c.notAudited();
      return new Rotation.Refused();
    }
    RefreshToken token = spent.get();
    if (token.spentBefore()) {
      // A spent token came back: it was stolen, or the client replays. Whichever copy is the
      // thief's, end the whole family so that neither can go on.
      boolean revoked = !token.sessionRevoked();
      if (revoked) {
        sessions.revokeSession(token.sessionId(), now);
        c.record(new RbacEvent.SessionRevoked(token.userId()));
      }
      c.audit(
          Audit.by(Optional.empty(), requestId, "auth.refresh_reused")
              .tenant(token.tenantId())
              .target("userId", token.userId())
              .detail("sessionRevoked", revoked));
      return new Rotation.Refused();
    }
    c.notAudited();
    // The session's own end counts whatever the token says: a refresh never extends a session.
    if (token.sessionRevoked()
        || !now.isBefore(token.expiresAt())
        || !now.isBefore(token.sessionExpiresAt())) {
      return new Rotation.Refused();
    }
    Optional<User> user = users.findById(token.userId()).filter(User::active);
    if (user.isEmpty()) {
      return new Rotation.Refused();
    }
    Optional<Tenant> scope = Optional.empty();
    if (token.tenantId().isPresent()) {
      scope = issuer.mayEnter(token.userId(), user.get().systemAdmin(), token.tenantId().get());
      if (scope.isEmpty()) {
        return new Rotation.Refused();
      }
    }
    TokenIssuer.Issued issued =
        issuer.storeRefreshToken(
            token.sessionId(),
            scope.map(List::of).orElse(List.of()),
            scope,
            now,
            token.sessionExpiresAt());
    sessions.markRefreshed(token.sessionId(), now);
    return new Rotation.Rotated(token.userId(), token.sessionId(), issued);
  }

  /** The verdict of a rotation, decided inside its transaction. */
  private sealed interface Rotation {
    record Rotated(UserId userId, String sessionId, TokenIssuer.Issued issued)
        implements Rotation {}

    record Refused() implements Rotation {}
  }
}
