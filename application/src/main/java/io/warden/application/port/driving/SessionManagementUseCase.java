package io.warden.application.port.driving;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A user's own sessions: listing the live ones and ending one of them. */
public interface SessionManagementUseCase {

  /** The caller's sessions neither ended nor revoked, the newest first. */
  List<SessionView> sessionsOf(Caller caller);

  /**
   * Ends one of the caller's sessions: its refresh tokens and access tokens stop working at once,
   * on every instance.
   *
   * @throws io.warden.domain.model.InvalidValueException for a text that cannot be a session id
   * @throws NotFound for an unknown session, another user's, or one already ended
   */
  void end(Caller caller, String sessionId);

  /**
   * One live session; {@code lastRefreshedAt} empty until its first refresh, {@code current} true
   * for the session of the token that asked.
   */
  record SessionView(
      String id,
      Instant createdAt,
      Optional<Instant> lastRefreshedAt,
      Instant expiresAt,
      boolean current) {}
}
