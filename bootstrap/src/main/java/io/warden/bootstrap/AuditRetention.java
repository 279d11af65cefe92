package io.warden.bootstrap;

import io.warden.application.port.driving.AuditUseCase;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The background purge of the audit trail: every hour (the first a minute after start), events
 * older than {@code WARDEN_AUDIT_RETENTION_DAYS} are deleted. Every instance runs it; a purge is
 * one indexed {@code DELETE}, and instances purging at once only find less to delete.
 */
final class AuditRetention {
  private static final System.Logger LOG = System.getLogger(AuditRetention.class.getName());
  static final Duration FIRST_PURGE = Duration.ofMinutes(1);
  static final Duration PERIOD = Duration.ofHours(1);

  private final AuditUseCase audit;
  private final Duration retention;

  AuditRetention(AuditUseCase audit, Duration retention) {
    this.audit = audit;
    this.retention = retention;
  }

  /** Schedules the purge on {@code scheduler}. */
  static AuditRetention start(
      AuditUseCase audit, Duration retention, ScheduledExecutorService scheduler) {
    AuditRetention purge = new AuditRetention(audit, retention);
    scheduler.scheduleWithFixedDelay(
        purge::purge, FIRST_PURGE.toSeconds(), PERIOD.toSeconds(), TimeUnit.SECONDS);
    return purge;
  }

  /** One purge; never throws (the next hour tries again). Returns how many events went. */
  int purge() {
    try {
      int purged = audit.purgeOlderThan(retention);
      if (purged > 0) {
        LOG.log(
            System.Logger.Level.INFO,
            "Purged {0,number,#} audit events older than {1} days",
            purged,
            retention.toDays());
      }
      return purged;
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "Could not purge the audit trail: " + e.getMessage());
      return 0;
    }
  }
}
