package io.warden.application.service;

import io.warden.application.port.driven.CacheInvalidation;
import io.warden.application.port.driven.ChangeJournal;
import io.warden.application.port.driven.PasswordHasher;
import io.warden.application.port.driven.SessionRepository;
import io.warden.application.port.driven.SessionRepository.RefreshToken;
import io.warden.application.port.driven.SessionRepository.SessionState;
import io.warden.application.port.driven.TenantRepository;
import io.warden.application.port.driven.TokenCodec;
import io.warden.application.port.driven.TokenCodec.AccessClaims;
import io.warden.application.port.driven.Transactions;
import io.warden.application.port.driven.UserRepository;
import io.warden.application.port.driving.AuthenticationUseCase;
import io.warden.application.port.driving.Caller;
import io.warden.application.port.driving.Forbidden;
import io.warden.application.port.driving.Unauthenticated;
import io.warden.domain.event.RbacEvent;
import io.warden.domain.model.InvalidValueException;
import io.warden.domain.model.tenant.Tenant;
import io.warden.domain.model.tenant.TenantId;
import io.warden.domain.model.user.Email;
import io.warden.domain.model.user.User;
import io.warden.domain.model.user.UserId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Logs users in, scopes their tokens to a tenant, rotates refresh tokens and ends sessions;
 * verifies every access token against its revocation state.
 */
public final class AuthenticationService implements AuthenticationUseCase {
  public static final Duration DEFAULT_ACCESS_TOKEN_TTL = Duration.ofSeconds(900);
  public static final Duration DEFAULT_REFRESH_TOKEN_TTL = Duration.ofDays(30);

  /** The one answer to every failed login, so that the body tells nothing about the cause. */
  static final String INVALID_CREDENTIALS = "invalid e-mail or password";

  /**
   * The one answer to every access token that does not stand: forged, expired, unknown key, or
   * revoked (logged out, user or tenant deactivated, membership ended). The same words for all, so
   * a holder of a stolen token cannot tell whether it was revoked or simply never valid.
   */
  static final String INVALID_TOKEN = "invalid or expired token";

  static final String INVALID_REFRESH_TOKEN = "invalid, expired or revoked refresh token";

  private final ChangeTransactions changes;
  private final Transactions transactions;
  private final UserRepository users;
  private final TenantRepository tenants;
  private final SessionRepository sessions;
  private final PasswordHasher passwordHasher;
  private final TokenCodec tokenCodec;
  private final Clock clock;
  private final Duration accessTokenTtl;
  private final Duration refreshTokenTtl;

  public AuthenticationService(
      Transactions transactions,
      UserRepository users,
      TenantRepository tenants,
      SessionRepository sessions,
      PasswordHasher passwordHasher,
      TokenCodec tokenCodec,
      ChangeJournal changeJournal,
      CacheInvalidation cacheInvalidation,
      Clock clock,
      Duration accessTokenTtl,
      Duration refreshTokenTtl) {
    this.changes = new ChangeTransactions(transactions, changeJournal, cacheInvalidation);
    this.transactions = transactions;
    this.users = Objects.requireNonNull(users, "users");
    this.tenants = Objects.requireNonNull(tenants, "tenants");
    this.sessions = Objects.requireNonNull(sessions, "sessions");
    this.passwordHasher = Objects.requireNonNull(passwordHasher, "passwordHasher");
    this.tokenCodec = Objects.requireNonNull(tokenCodec, "tokenCodec");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.accessTokenTtl = requirePositive(accessTokenTtl, "accessTokenTtl");
    this.refreshTokenTtl = requirePositive(refreshTokenTtl, "refreshTokenTtl");
    if (accessTokenTtl.toSeconds() < 1) {
      throw new IllegalArgumentException("accessTokenTtl must be at least one second");
    }
  }

  /** With the default lifetimes: 15 minutes for access tokens, 30 days for refresh tokens. */
  public AuthenticationService(
      Transactions transactions,
      UserRepository users,
      TenantRepository tenants,
      SessionRepository sessions,
      PasswordHasher passwordHasher,
      TokenCodec tokenCodec,
      ChangeJournal changeJournal,
      CacheInvalidation cacheInvalidation,
      Clock clock) {
    this(
        transactions,
        users,
        tenants,
        sessions,
        passwordHasher,
        tokenCodec,
        changeJournal,
        cacheInvalidation,
        clock,
        DEFAULT_ACCESS_TOKEN_TTL,
        DEFAULT_REFRESH_TOKEN_TTL);
  }

  private static Duration requirePositive(Duration duration, String name) {
    Objects.requireNonNull(duration, name);
    if (duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException(name + " must be positive");
    }
    return duration;
  }

  @Override
  public LoginResult login(LoginCommand command) {
    InvalidValueException.requirePresent(command, "body");
    String password = InvalidValueException.requirePresent(command.password(), "password");
    InvalidValueException.requirePresent(command.email(), "email");
    User user = verifyCredentials(command.email(), password);

    Instant now = clock.instant();
    String sessionId = Secrets.newSessionId();
    Issued issued =
        transactions.acrossTenants(
            () -> {
              sessions.createSession(sessionId, user.id(), now);
              List<Tenant> active = tenants.activeTenantsOf(user.id());
              // Exactly one tenant: the client can only mean that one, so spare it a round trip.
              Optional<Tenant> scope =
                  active.size() == 1 ? Optional.of(active.get(0)) : Optional.empty();
              return new Issued(active, scope, storeRefreshToken(sessionId, scope, now));
            });
    TokenPair tokens = signAccessToken(user.id(), sessionId, issued, now);
    return new LoginResult(tokens, user, issued.tenants());
  }

  /**
   * Unknown e-mail, malformed e-mail, wrong password and deactivated user fail alike, and each
   * spends one password verification, so neither the answer nor its timing tells them apart.
   */
  private User verifyCredentials(String emailText, String password) {
    if (password.length() > User.MAX_PASSWORD_LENGTH) {
      // No account can have such a password; verifying a megabyte would only burn CPU.
      passwordHasher.verifyDummy(password.substring(0, User.MAX_PASSWORD_LENGTH));
      throw new Unauthenticated(INVALID_CREDENTIALS);
    }
    Optional<Email> email = parseEmail(emailText);
    Optional<User> found =
        email.flatMap(e -> transactions.acrossTenants(() -> users.findByEmail(e)));
    if (found.isEmpty()) {
      passwordHasher.verifyDummy(password);
      throw new Unauthenticated(INVALID_CREDENTIALS);
    }
    User user = found.get();
    boolean passwordMatches = passwordHasher.verify(password, user.passwordHash());
    if (!passwordMatches || !user.active()) {
      throw new Unauthenticated(INVALID_CREDENTIALS);
    }
    return user;
  }

  private static Optional<Email> parseEmail(String text) {
    try {
      return Optional.of(new Email(text));
    } catch (InvalidValueException e) {
      return Optional.empty();
    }
  }

  @Override
  public Caller authenticate(String accessToken) {
    if (accessToken == null || accessToken.isBlank()) {
      throw new Unauthenticated(INVALID_TOKEN);
    }
    AccessClaims claims =
        tokenCodec
            .verify(accessToken, clock.instant())
            .orElseThrow(() -> new Unauthenticated(INVALID_TOKEN));
    // No transaction around it: the state of a warm token comes from a cache, and opening one
    // would cost a database round trip on every request (and fail them all while it is down).
    SessionState state =
        sessions
            .state(claims.subject(), claims.sessionId(), claims.tokenId(), claims.tenantId())
            .orElseThrow(() -> new Unauthenticated(INVALID_TOKEN));
    if (!standsAfterRevocations(claims, state)) {
      throw new Unauthenticated(INVALID_TOKEN);
    }
    return new Caller(
        claims.subject(),
        claims.tenantId(),
        state.systemAdmin(),
        claims.sessionId(),
        claims.tokenId(),
        claims.expiresAt());
  }

  private static boolean standsAfterRevocations(AccessClaims claims, SessionState state) {
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

  @Override
  public List<Tenant> tenantsOf(Caller caller) {
    return transactions.acrossTenants(() -> tenants.activeTenantsOf(caller.userId()));
  }

  @Override
  public TokenPair selectTenant(Caller caller, TenantId tenantId) {
    InvalidValueException.requirePresent(tenantId, "tenantId");
    Instant now = clock.instant();
    Issued issued =
        transactions.acrossTenants(
            () -> {
              Tenant tenant =
                  mayEnter(caller.userId(), caller.systemAdmin(), tenantId)
                      .orElseThrow(
                          () ->
                              new Forbidden(
                                  "not an active member of an active tenant with this id"));
              Optional<Tenant> scope = Optional.of(tenant);
              return new Issued(
                  List.of(tenant), scope, storeRefreshToken(caller.sessionId(), scope, now));
            });
    return signAccessToken(caller.userId(), caller.sessionId(), issued, now);
  }

  /**
   * The tenant, if it is active and the user may enter it: as an active member, or as a system
   * administrator. Runs inside an {@code acrossTenants} transaction.
   */
  private Optional<Tenant> mayEnter(UserId userId, boolean systemAdmin, TenantId tenantId) {
    Optional<Tenant> tenant = tenants.findById(tenantId).filter(Tenant::active);
    if (tenant.isEmpty() || systemAdmin) {
      return tenant;
    }
    boolean member =
        tenants.activeTenantsOf(userId).stream().anyMatch(t -> t.id().equals(tenantId));
    return member ? tenant : Optional.empty();
  }

  @Override
  public TokenPair refresh(String refreshToken) {
    if (refreshToken == null || refreshToken.isBlank()) {
      throw new Unauthenticated(INVALID_REFRESH_TOKEN);
    }
    String hash = Secrets.sha256Hex(refreshToken);
    Instant now = clock.instant();
    // Every outcome commits: spending the token, and revoking the family on reuse, must stand
    // even though the caller is then refused. So the transaction returns the verdict, and the
    // refusal is thrown after it.
    Rotation rotation = changes.acrossTenants(c -> rotate(hash, now, c));
    if (rotation.issued() == null) {
      throw new Unauthenticated(INVALID_REFRESH_TOKEN);
    }
    return signAccessToken(rotation.userId(), rotation.sessionId(), rotation.issued(), now);
  }

  private Rotation rotate(String hash, Instant now, ChangeTransactions.Changes c) {
    Optional<RefreshToken> spent = sessions.spend(hash, now);
    if (spent.isEmpty()) {
      return Rotation.REFUSED;
    }
    RefreshToken token = spent.get();
    if (token.spentBefore()) {
      // A spent token came back: it was stolen, or the client replays. Whichever copy is the
      // thief's, end the whole family so that neither can go on.
      if (!token.sessionRevoked()) {
        sessions.revokeSession(token.sessionId(), now);
        c.record(new RbacEvent.SessionRevoked(token.userId()));
      }
      return Rotation.REFUSED;
    }
    if (token.sessionRevoked() || !now.isBefore(token.expiresAt())) {
      return Rotation.REFUSED;
    }
    Optional<User> user = users.findById(token.userId()).filter(User::active);
    if (user.isEmpty()) {
      return Rotation.REFUSED;
    }
    Optional<Tenant> scope = Optional.empty();
    if (token.tenantId().isPresent()) {
      scope = mayEnter(token.userId(), user.get().systemAdmin(), token.tenantId().get());
      if (scope.isEmpty()) {
        return Rotation.REFUSED;
      }
    }
    Issued issued =
        new Issued(
            scope.map(List::of).orElse(List.of()),
            scope,
            storeRefreshToken(token.sessionId(), scope, now));
    return new Rotation(token.userId(), token.sessionId(), issued);
  }

  @Override
  public void logout(Caller caller) {
    Instant now = clock.instant();
    changes.runAcrossTenants(
        c -> {
          sessions.revokeSession(caller.sessionId(), now);
          // The session's revocation already voids the token; listing its id as well lets a
          // revocation check that sees only the token id refuse it too.
          sessions.revokeToken(caller.tokenId(), caller.expiresAt());
          c.record(new RbacEvent.SessionRevoked(caller.userId()));
        });
  }

  @Override
  public void logoutAll(Caller caller) {
    Instant now = clock.instant();
    changes.runAcrossTenants(
        c -> {
          sessions.revokeAllSessions(caller.userId(), now);
          // One targeted statement, not the user row read and written back: a password change or
          // deactivation committing meanwhile must survive it.
          users.voidTokensIssuedBefore(caller.userId(), now);
          c.record(new RbacEvent.AllSessionsRevoked(caller.userId()));
        });
  }

  @Override
  public String jwkSetJson() {
    return tokenCodec.jwkSetJson();
  }

  /** Stores a new refresh token of the session; runs inside the caller's transaction. */
  private String storeRefreshToken(String sessionId, Optional<Tenant> scope, Instant now) {
    String refreshToken = Secrets.newRefreshToken();
    sessions.storeRefreshToken(
        Secrets.sha256Hex(refreshToken),
        sessionId,
        scope.map(Tenant::id),
        now.plus(refreshTokenTtl));
    return refreshToken;
  }

  /** Signs the access token outside any transaction: signing needs no database. */
  private TokenPair signAccessToken(UserId userId, String sessionId, Issued issued, Instant now) {
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
  private record Issued(List<Tenant> tenants, Optional<Tenant> scope, String refreshToken) {}

  /** The verdict of a refresh; {@code issued} is null when the token is refused. */
  private record Rotation(UserId userId, String sessionId, Issued issued) {
    static final Rotation REFUSED = new Rotation(null, null, null);
  }
}
