package io.warden.application.port.driving;

import io.warden.domain.model.audit.AuditEvent;
import io.warden.domain.model.tenant.TenantId;
import io.warden.domain.model.user.UserId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Reading the audit trail, and forgetting what is older than the retention. A system administrator
 * reads every tenant's events and the system-level ones (or one tenant's, {@code tenantId}); anyone
 * else needs {@code audit.view} in the tenant of their token and reads that tenant's events only.
 */
public interface AuditUseCase {

  int DEFAULT_PAGE_SIZE = 50;
  int MAX_PAGE_SIZE = 500;

  /** A page of events, newest first; {@code filter.cursor()} comes from the previous page. */
  AuditPage list(Caller caller, AuditFilter filter);

  /** Deletes the events older than {@code retention}; the background purge calls it. */
  int purgeOlderThan(Duration retention);

  /**
   * Which events: {@code tenantId} (system administrators only; anyone else may name only their own
   * tenant), {@code action}, {@code actorId}, {@code since <= at < until}, a page size and the
   * cursor of the previous page.
   */
  record AuditFilter(
      Optional<TenantId> tenantId,
      Optional<String> action,
      Optional<UserId> actorId,
      Optional<Instant> since,
      Optional<Instant> until,
      int limit,
      Optional<String> cursor) {
    /** Everything, the default page size, first page. */
    public static AuditFilter everything() {
      return new AuditFilter(
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          DEFAULT_PAGE_SIZE,
          Optional.empty());
    }
  }

  record AuditPage(List<AuditEvent> items, Optional<String> nextCursor) {
    public AuditPage {
      items = List.copyOf(items);
    }
  }
}
