package io.warden.application.port.driving;

/**
 * Deleting what the session tables no longer need: expired refresh tokens, revoked token ids past
 * their tokens' expiry, and ended sessions. Run in the background on a schedule; any instance may
 * run it at any time, concurrently with others.
 */
public interface SessionPurgeUseCase {

  /** Purges everything expired or ended by now and says how much went. */
  Purged purge();

  /** Rows deleted by one purge, per table. */
  record Purged(int refreshTokens, int revokedTokenIds, int sessions) {}
}
