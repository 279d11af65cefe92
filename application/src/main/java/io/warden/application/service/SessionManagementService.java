package io.warden.application.service;

import io.warden.application.port.driven.SessionRepository;
import io.warden.application.port.driven.SessionRepository.LiveSession;
import io.warden.application.port.driving.Caller;
import io.warden.application.port.driving.NotFound;
import io.warden.application.port.driving.SessionManagementUseCase;
import io.warden.domain.event.RbacEvent;
import io.warden.domain.model.InvalidValueException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Lists a user's live sessions and ends one of them. Ending is the logout of one session, chosen by
 * id: journaled like a logout, so that every instance stops accepting its tokens.
 */
public final class SessionManagementService implements SessionManagementUseCase {
  /** What {@link Secrets#newSessionId} makes: 128 bits in unpadded Base64url. */
  private static final Pattern SESSION_ID = Pattern.compile("[A-Za-z0-9_-]{22}");

  static final String NO_SUCH_SESSION = "no live session of yours with this id";

  private final ChangeTransactions changes;
  private final SessionRepository sessions;
  private final Clock clock;

  SessionManagementService(ChangeTransactions changes, SessionRepository sessions, Clock clock) {
    this.changes = changes;
    this.sessions = sessions;
    this.clock = clock;
  }

  @Override
  public List<SessionView> sessionsOf(Caller caller) {
    Instant now = clock.instant();
    List<LiveSession> live =
        changes.transactions().acrossTenants(() -> sessions.liveSessions(caller.userId(), now));
    return live.stream()
        .map(
            s ->
                new SessionView(
                    s.id(),
                    s.createdAt(),
                    s.lastRefreshedAt(),
                    s.expiresAt(),
                    s.id().equals(caller.sessionId())))
        .toList();
  }

  @Override
  public void end(Caller caller, String sessionId) {
    InvalidValueException.require(
        sessionId != null && SESSION_ID.matcher(sessionId).matches(),
        "sessionId",
        "is not a session id");
    Instant now = clock.instant();
    changes.runAcrossTenants(
        c -> {
          // One statement that matches the owner too: another user's session is "not found" and
          // is left exactly as it was, with no hint that it exists.
          if (!sessions.endSession(caller.userId(), sessionId, now)) {
            throw new NotFound(NO_SUCH_SESSION);
          }
          if (sessionId.equals(caller.sessionId())) {
            // As logout does: a check that sees only the token id refuses it too.
            sessions.revokeToken(caller.tokenId(), caller.expiresAt());
          }
          c.record(new RbacEvent.SessionRevoked(caller.userId()));
          c.audit(
              Audit.by(caller, "auth.session_end")
                  .target("userId", caller.userId())
                  .detail("current", sessionId.equals(caller.sessionId())));
        });
  }
}
