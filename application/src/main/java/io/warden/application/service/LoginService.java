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
import io.warden.domain.model.user.UserId;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Verifies e-mail and password, opens a session and issues its first tokens. */
public final class LoginService implements LoginUseCase {
  /** The one answer to every failed login, so that the body tells nothing about the cause. */
  static final String INVALID_CREDENTIALS = "invalid e-mail or password";

  /** An e-mail address is at most 254 characters; a longer text is cut before it is audited. */
  private static final int MAX_AUDITED_EMAIL = 254;

  private final ChangeTransactions changes;
  private final Transactions transactions;
  private final UserRepository users;
  private final TenantRepository tenants;
  private final SessionRepository sessions;
  private final PasswordHasher passwordHasher;
  private final TokenIssuer issuer;
  private final Clock clock;

  LoginService(
      ChangeTransactions changes,
      UserRepository users,
      TenantRepository tenants,
      SessionRepository sessions,
      PasswordHasher passwordHasher,
      TokenIssuer issuer,
      Clock clock) {
    this.changes = changes;
    this.transactions = changes.transactions();
    this.users = users;
    this.tenants = tenants;
    this.sessions = sessions;
    this.passwordHasher = passwordHasher;
    this.issuer = issuer;
    this.clock = clock;
  }

  @Override
  public LoginResult login(LoginCommand command) {
    InvalidValueException.requirePresent(command, "body");
    String password = InvalidValueException.requirePresent(command.password(), "password");
    InvalidValueException.requirePresent(command.email(), "email");
    Verdict verdict = verifyCredentials(command.email(), password);
    if (!(verdict instanceof Verdict.Verified verified)) {
      auditFailure(command, (Verdict.Failed) verdict);
      return new LoginResult.Refused(Failure.of(FailureKind.UNAUTHENTICATED, INVALID_CREDENTIALS));
    }
    User user = verified.user();

    Instant now = clock.instant();
    String sessionId = Secrets.newSessionId();
    TokenIssuer.Issued issued =
        changes.acrossTenants(
            c -> {
              Instant sessionEnd = issuer.sessionEnd(now);
              sessions.createSession(sessionId, user.id(), now, sessionEnd);
              List<Tenant> active = tenants.activeTenantsOf(user.id());
              // Exactly one tenant: the client can only mean that one, so spare it a round trip.
              Optional<Tenant> scope =
                  active.size() == 1 ? Optional.of(active.get(0)) : Optional.empty();
              c.audit(
                  Audit.by(Optional.of(user.id()), command.requestId(), "auth.login")
                      .tenant(scope.map(Tenant::id))
                      .target("userId", user.id()));
              return issuer.storeRefreshToken(sessionId, active, scope, now, sessionEnd);
            });
    TokenPair tokens = issuer.signAccessToken(user.id(), sessionId, issued, now);
    return new LoginResult.Success(tokens, user, issued.tenants());
  }

  /**
   * A failed login is written on its own, in a transaction that changes nothing else: the e-mail as
   * typed (cut to a sane length), the user it named if any, and why, for the administrators' eyes
   * only (the event is system-level), never the password.
   */
  private void auditFailure(LoginCommand command, Verdict.Failed failed) {
    String typed = command.email();
    String email =
        typed.length() > MAX_AUDITED_EMAIL ? typed.substring(0, MAX_AUDITED_EMAIL) : typed;
    Audit audit =
        Audit.by(Optional.empty(), command.requestId(), "auth.login_failed")
            .target("email", email)
            .detail("reason", failed.reason());
    failed.user().ifPresent(id -> audit.target("userId", id));
    changes.runAcrossTenants(c -> c.audit(audit));
  }

  /**
   * Unknown e-mail, malformed e-mail, wrong password and deactivated user fail alike, and each
   * spends one password verification, so neither the answer nor its timing tells them apart.
   */
  private Verdict verifyCredentials(String emailText, String password) {
    if (password.length() > User.MAX_PASSWORD_LENGTH) {
      // No account can have such a password; verifying a megabyte would only burn CPU.
      passwordHasher.verifyDummy(password.substring(0, User.MAX_PASSWORD_LENGTH));
      return new Verdict.Failed(Optional.empty(), "password too long");
    }
    // The same for every e-mail, known or not: a refusal here tells nothing about the account.
    passwordHasher.ensureCapacity();
    Optional<Email> email = parseEmail(emailText);
    Optional<User> found =
        email.flatMap(e -> transactions.acrossTenants(() -> users.findByEmail(e)));
    if (found.isEmpty()) {
      passwordHasher.verifyDummy(password);
      return new Verdict.Failed(Optional.empty(), "unknown e-mail");
    }
    User user = found.get();
    if (!passwordHasher.verify(password, user.passwordHash())) {
      return new Verdict.Failed(Optional.of(user.id()), "wrong password");
    }
    if (!user.active()) {
      return new Verdict.Failed(Optional.of(user.id()), "deactivated user");
    }
    return new Verdict.Verified(user);
  }

  /** Whether the credentials name an active user, and if not why (for the audit trail). */
  private sealed interface Verdict {
    record Verified(User user) implements Verdict {}

    record Failed(Optional<UserId> user, String reason) implements Verdict {}
  }

  private static Optional<Email> parseEmail(String text) {
    try {
      return Optional.of(new Email(text));
    } catch (InvalidValueException e) {
      return Optional.empty();
    }
  }
}
