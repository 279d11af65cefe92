package io.warden.bootstrap;

import io.warden.application.port.driving.SessionPurgeUseCase;
import io.warden.application.port.driving.SessionPurgeUseCase.Purged;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs the session purge on the scheduler every {@code WARDEN_SESSION_PURGE_INTERVAL_SECONDS}: the
 * first run a minute after the start (or one interval, when shorter), so that instances restarted
 * more often than the interval still purge. Every instance purges; concurrent purges only find less
 * to delete.
 */
final class SessionPurging {
  private static final System.Logger LOG = System.getLogger(SessionPurging.class.getName());
  private static final Duration FIRST_RUN = Duration.ofMinutes(1);

  private SessionPurging() {}

  static void schedule(
      Duration interval, SessionPurgeUseCase purge, ScheduledExecutorService scheduler) {
    long first = Math.min(FIRST_RUN.toSeconds(), interval.toSeconds());
    scheduler.scheduleWithFixedDelay(
        () -> runQuietly(purge), first, interval.toSeconds(), TimeUnit.SECONDS);
  }

  /** One purge; a failure is logged and the next run tries again. Never throws. */
  static void runQuietly(SessionPurgeUseCase purge) {
    try {
      Purged purged = purge.purge();
      LOG.log(
          Level.DEBUG,
          () ->
              "Session purge: "
                  + purged.sessions()
                  + " ended sessions, "
                  + purged.refreshTokens()
                  + " expired refresh tokens, "
                  + purged.revokedTokenIds()
                  + " expired revoked token ids deleted");
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "The session purge failed; the next run tries again", e);
    }
  }
}
