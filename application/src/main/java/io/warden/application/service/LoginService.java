package io.warden.application.service;

import io.warden.application.port.driven.PasswordHasher;
import io.warden.application.port.driven.SessionRepository;
import io.warden.application.port.driven.TenantRepository;
import io.warden.application.port.driven.Transactions;
import io.warden.application.port.driven.UserRepository;
import io.warden.application.port.driving.Failure;
import io.warden.application.port.driving.FailureKind;
import io.warden.application.port.driving.LoginUseCase;
import io.warden.application.port.driving.TokenPair;
import io.warden.domain.model.InvalidValueException;
import io.warden.domain.model.tenant.Tenant;
import io.warden.domain.model.user.Email;
import io.warden.domain.model.user.User;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Verifies e-mail and password, opens a session and issues its first tokens. */
public final class LoginService implements LoginUseCase {
  /** The one answer to every failed login, so that the body tells nothing about the cause. */
  static final String INVALID_CREDENTIALS = "invalid e-mail or password";

  private final Transactions transactions;
  private final UserRepository users;
  private final TenantRepository tenants;
  private final SessionRepository sessions;
  private final PasswordHasher passwordHasher;
  private final TokenIssuer issuer;
  private final Clock clock;

  LoginService(
      Transactions transactions,
      UserRepository users,
      TenantRepository tenants,
      SessionRepository sessions,
      PasswordHasher passwordHasher,
      TokenIssuer issuer,
      Clock clock) {
    this.transactions = Objects.requireNonNull(transactions, "transactions");
    this.users = Objects.requireNonNull(users, "users");
    this.tenants = Objects.requireNonNull(tenants, "tenants");
    this.sessions = Objects.requireNonNull(sessions, "sessions");
    this.passwordHasher = Objects.requireNonNull(passwordHasher, "passwordHasher");
    this.issuer = Objects.requireNonNull(issuer, "issuer");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public LoginResult login(LoginCommand command) {
    InvalidValueException.requirePresent(command, "body");
    String password = InvalidValueException.requirePresent(command.password(), "password");
    InvalidValueException.requirePresent(command.email(), "email");
    Optional<User> verified = verifyCredentials(command.email(), password);
    if (verified.isEmpty()) {
      return new LoginResult.Refused(Failure.of(FailureKind.UNAUTHENTICATED, INVALID_CREDENTIALS));
    }
    User user = verified.get();

    Instant now = clock.instant();
    String sessionId = Secrets.newSessionId();
    TokenIssuer.Issued issued =
        transactions.acrossTenants(
            () -> {
              Instant sessionEnd = issuer.sessionEnd(now);
              sessions.createSession(sessionId, user.id(), now, sessionEnd);
              List<Tenant> active = tenants.activeTenantsOf(user.id());
              // Exactly one tenant: the client can only mean that one, so spare it a round trip.
              Optional<Tenant> scope =
                  active.size() == 1 ? Optional.of(active.get(0)) : Optional.empty();
              return issuer.storeRefreshToken(sessionId, active, scope, now, sessionEnd);
            });
    TokenPair tokens = issuer.signAccessToken(user.id(), sessionId, issued, now);
    return new LoginResult.Success(tokens, user, issued.tenants());
  }

  /**
   * Unknown e-mail, malformed e-mail, wrong password and deactivated user fail alike, and each
   * spends one password verification, so neither the answer nor its timing tells them apart.
   */
  private Optional<User> verifyCredentials(String emailText, String password) {
    if (password.length() > User.MAX_PASSWORD_LENGTH) {
      // No account can have such a password; verifying a megabyte would only burn CPU.
      passwordHasher.verifyDummy(password.substring(0, User.MAX_PASSWORD_LENGTH));
      return Optional.empty();
    }
    Optional<Email> email = parseEmail(emailText);
    Optional<User> found =
        email.flatMap(e -> transactions.acrossTenants(() -> users.findByEmail(e)));
    if (found.isEmpty()) {
      passwordHasher.verifyDummy(password);
      return Optional.empty();
    }
    User user = found.get();
    boolean passwordMatches = passwordHasher.verify(password, user.passwordHash());
    return passwordMatches && user.active() ? found : Optional.empty();
  }

  private static Optional<Email> parseEmail(String text) {
    try {
      return Optional.of(new Email(text));
    } catch (InvalidValueException e) {
      return Optional.empty();
    }
  }
}
