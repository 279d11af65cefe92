package io.warden.application.port.driving;

/** Ending sessions: the caller's own, or every one of theirs. */
public interface LogoutUseCase {

  /** Ends the caller's session: this token and its refresh family. */
  void logout(Caller caller);

  /** Ends every session of the caller. */
  void logoutAll(Caller caller);
}
