package io.warden.application.service;

import io.warden.application.port.driven.SessionRepository;
import io.warden.application.port.driven.UserRepository;
import io.warden.application.port.driving.Caller;
import io.warden.application.port.driving.LogoutUseCase;
import io.warden.domain.event.RbacEvent;
import java.time.Clock;
import java.time.Instant;

/** Ends sessions, journaled so that every instance stops accepting their tokens. */
public final class LogoutService implements LogoutUseCase {
  private final ChangeTransactions changes;
  private final UserRepository users;
  private final SessionRepository sessions;
  private final Clock clock;

  LogoutService(
      ChangeTransactions changes, UserRepository users, SessionRepository sessions, Clock clock) {
    this.changes = changes;
    this.users = users;
    this.sessions = sessions;
    this.clock = clock;
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
          c.audit(Audit.by(caller, "auth.logout").target("userId", caller.userId()));
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
          c.audit(Audit.by(caller, "auth.logout_all").target("userId", caller.userId()));
        });
  }
}
