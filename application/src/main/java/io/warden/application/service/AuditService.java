package io.warden.application.service;

import io.warden.application.port.driven.AuditLog;
import io.warden.application.port.driven.Transactions;
import io.warden.application.port.driving.AuditUseCase;
import io.warden.application.port.driving.Caller;
import io.warden.application.port.driving.Forbidden;
import io.warden.application.port.driving.ListingUseCase.Page;
import io.warden.domain.model.InvalidValueException;
import io.warden.domain.model.audit.AuditEvent;
import io.warden.domain.model.permission.BuiltInPermissions;
import io.warden.domain.model.tenant.TenantId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Pages through the audit trail. A tenant's reader sees what row-level security shows inside their
 * tenant's transaction, that tenant's events and nothing else; a system administrator reads across
 * tenants. The purge forgets what is older than the retention.
 */
public final class AuditService implements AuditUseCase {
  private final Transactions transactions;
  private final AuditLog log;
  private final AccessGuard guard;
  private final Clock clock;

  AuditService(Transactions transactions, AuditLog log, AccessGuard guard, Clock clock) {
    this.transactions = transactions;
    this.log = log;
    this.guard = guard;
    this.clock = clock;
  }

  @Override
  public AuditPage list(Caller caller, AuditFilter filter) {
    InvalidValueException.requirePresent(filter, "query");
    InvalidValueException.require(
        filter.limit() >= 1 && filter.limit() <= MAX_PAGE_SIZE,
        "limit",
        "must be 1 to " + MAX_PAGE_SIZE);
    filter
        .action()
        .ifPresent(
            action ->
                InvalidValueException.require(
                    action.length() <= AuditEvent.MAX_ACTION_LENGTH
                        && AuditEvent.ACTION.matcher(action).matches(),
                    "action",
                    "is not an audit action (words separated by dots, e.g. role.create)"));
    if (filter.since().isPresent() && filter.until().isPresent()) {
      InvalidValueException.require(
          !filter.until().get().isBefore(filter.since().get()), "until", "is before since");
    }
    Optional<AuditLog.After> after = filter.cursor().map(PageCursor::decodeAfter);
    int limit = filter.limit();
    if (caller.systemAdmin()) {
      AuditLog.Query query = query(filter, filter.tenantId(), after, limit + 1);
      return page(transactions.acrossTenants(() -> log.page(query)), limit);
    }
    TenantId tenant = guard.requirePermission(caller, BuiltInPermissions.AUDIT_VIEW);
    if (filter.tenantId().isPresent() && !filter.tenantId().get().equals(tenant)) {
      throw new Forbidden("only a system administrator may read another tenant's audit trail");
    }
    // No tenant filter of our own: row-level security is what keeps other tenants' events out.
    AuditLog.Query query = query(filter, Optional.empty(), after, limit + 1);
    return page(transactions.readInTenant(tenant, () -> log.page(query)), limit);
  }

  @Override
  public int purgeOlderThan(Duration retention) {
    if (retention.isNegative() || retention.isZero()) {
      throw new IllegalArgumentException("retention must be positive");
    }
    Instant cutoff = clock.instant().minus(retention);
    return transactions.acrossTenants(() -> log.purgeBefore(cutoff));
  }

  private static AuditLog.Query query(
      AuditFilter filter, Optional<TenantId> tenant, Optional<AuditLog.After> after, int fetch) {
    return new AuditLog.Query(
        tenant, filter.action(), filter.actorId(), filter.since(), filter.until(), after, fetch);
  }

  /** One more than asked tells whether a next page exists without an empty last page. */
  private static AuditPage page(List<AuditEvent> rows, int limit) {
    Page<AuditEvent> page =
        PageCursor.pageWith(rows, limit, last -> PageCursor.encodeAfter(last.at(), last.id()));
    return new AuditPage(page.items(), page.nextCursor());
  }
}
