package io.warden.application.port.driven;

import io.warden.domain.model.audit.AuditEvent;
import io.warden.domain.model.tenant.TenantId;
import io.warden.domain.model.user.UserId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The audit trail's store. Events are appended inside the transaction of the change they record, so
 * that a change and its event commit or roll back together; reads obey row-level security like
 * every tenant-owned row: inside {@link Transactions#inTenant} only that tenant's events are
 * visible, and system-level events (no tenant) only {@link Transactions#acrossTenants}.
 */
public interface AuditLog {

  /**
   * Writes {@code event} in the running transaction; the actor's e-mail is filled in from the
   * user's row. Inside {@code inTenant} the event must belong to that tenant.
   */
  void append(AuditEvent event);

  /**
   * The events matching {@code query}, newest first ({@code at} descending, then {@code id}
   * descending), at most {@code query.limit()}; inside a transaction.
   */
  List<AuditEvent> page(Query query);

  /** Deletes every event written before {@code cutoff}; across tenants. Returns how many. */
  int purgeBefore(Instant cutoff);

  /** Where a page starts: strictly after (older than) this event in the newest-first order. */
  record After(Instant at, UUID id) {}

  /**
   * Filters of a page, each optional: one tenant (a cross-tenant read's choice), one action, one
   * actor, {@code since <= at < until}, and the position after which the page starts.
   */
  record Query(
      Optional<TenantId> tenant,
      Optional<String> action,
      Optional<UserId> actor,
      Optional<Instant> since,
      Optional<Instant> until,
      Optional<After> after,
      int limit) {
    public Query {
      if (limit < 1) {
        throw new IllegalArgumentException("limit must be positive");
      }
    }

    /** Everything, newest first, {@code limit} at a time. */
    public static Query all(int limit) {
      return new Query(
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          limit);
    }

    public Query withTenant(TenantId value) {
      return new Query(Optional.of(value), action, actor, since, until, after, limit);
    }

    public Query withAction(String value) {
      return new Query(tenant, Optional.of(value), actor, since, until, after, limit);
    }

    public Query withActor(UserId value) {
      return new Query(tenant, action, Optional.of(value), since, until, after, limit);
    }

    public Query since(Instant value) {
      return new Query(tenant, action, actor, Optional.of(value), until, after, limit);
    }

    public Query until(Instant value) {
      return new Query(tenant, action, actor, since, Optional.of(value), after, limit);
    }

    public Query after(After value) {
      return new Query(tenant, action, actor, since, until, Optional.of(value), limit);
    }
  }
}
