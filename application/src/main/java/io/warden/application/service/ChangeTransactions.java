package io.warden.application.service;

import io.warden.application.port.driven.AuditLog;
import io.warden.application.port.driven.CacheInvalidation;
import io.warden.application.port.driven.ChangeJournal;
import io.warden.application.port.driven.Transactions;
import io.warden.application.port.driving.RequestContext;
import io.warden.domain.event.InvalidationScope;
import io.warden.domain.event.RbacEvent;
import io.warden.domain.model.tenant.TenantId;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Runs a change in one transaction, journals its events inside that transaction and evicts the
 * caches for their scopes after it commits: the one place every service goes through to change RBAC
 * data, so no service can forget the journal or invalidate before the commit.
 *
 * <p>It is also where the audit trail is written: every unit of work must write exactly one audit
 * event ({@link Changes#audit}) in its transaction, or say that it is routine and not audited
 * ({@link Changes#notAudited}, a token rotation); a unit that does neither fails and rolls back. So
 * a change cannot commit without its event, and an event cannot outlive a change that rolled back.
 */
final class ChangeTransactions {
  private static final System.Logger LOG = System.getLogger(ChangeTransactions.class.getName());

  private final Transactions transactions;
  private final ChangeJournal journal;
  private final CacheInvalidation invalidation;
  private final AuditLog auditLog;
  private final Clock clock;

  ChangeTransactions(
      Transactions transactions,
      ChangeJournal journal,
      CacheInvalidation invalidation,
      AuditLog auditLog,
      Clock clock) {
    this.transactions = Objects.requireNonNull(transactions, "transactions");
    this.journal = Objects.requireNonNull(journal, "journal");
    this.invalidation = Objects.requireNonNull(invalidation, "invalidation");
    this.auditLog = Objects.requireNonNull(auditLog, "auditLog");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** The plain transactions, for the reads that change nothing. */
  Transactions transactions() {
    return transactions;
  }

  <T> T inTenant(TenantId tenantId, Function<Changes, T> work) {
    Changes changes = new Changes(this, Optional.of(tenantId));
    T result = transactions.inTenant(tenantId, () -> changes.run(work));
    changes.invalidate(invalidation);
    return result;
  }

  void runInTenant(TenantId tenantId, Consumer<Changes> work) {
    inTenant(tenantId, asFunction(work));
  }

  <T> T acrossTenants(Function<Changes, T> work) {
    Changes changes = new Changes(this, Optional.empty());
    T result = transactions.acrossTenants(() -> changes.run(work));
    changes.invalidate(invalidation);
    return result;
  }

  void runAcrossTenants(Consumer<Changes> work) {
    acrossTenants(asFunction(work));
  }

  private static Function<Changes, Void> asFunction(Consumer<Changes> work) {
    return changes -> {
      work.accept(changes);
      return null;
    };
  }

  /**
   * The events of one change; recorded in its transaction, invalidated after its commit, and its
   * one audit event.
   */
  static final class Changes {
    private final ChangeTransactions owner;
    private final Optional<TenantId> scope;
    private final List<Recorded> recorded = new ArrayList<>();
    private final List<String> audited = new ArrayList<>();
    private boolean routine;
    private boolean open;

    private Changes(ChangeTransactions owner, Optional<TenantId> scope) {
      this.owner = owner;
      this.scope = scope;
    }

    /** Journals {@code event} in the running transaction; its caches are evicted after commit. */
    void record(RbacEvent event) {
      requireOpen();
      recorded.add(new Recorded(event.scope(), owner.journal.record(event)));
    }

    /** Writes the change's audit event in the running transaction. */
    void audit(Audit audit) {
      requireOpen();
      owner.auditLog.append(audit.toEvent(UUID.randomUUID(), owner.clock.instant(), scope));
      audited.add(audit.action());
    }

    /**
     * Ends a change that may have found nothing to do (an assignment already held, a rename to the
     * same name): journals {@code event} only if it {@code changed} something, and writes its audit
     * event either way, saying whether it did (detail {@code changed}, last).
     */
    void recordAndAudit(boolean changed, RbacEvent event, Audit audit) {
      if (changed) {
        record(event);
      }
      audit(audit.detail("changed", changed));
    }

    /**
     * Declares this unit written to no audit trail: only what the contract leaves out of it (a
     * refresh token's rotation) or a unit that found nothing to change (a dismissal of an
     * invitation that is not there) may say so.
     */
    void notAudited() {
      requireOpen();
      routine = true;
    }

    private void requireOpen() {
      if (!open) {
        throw new IllegalStateException("a change can be recorded only inside its transaction");
      }
    }

    private <T> T run(Function<Changes, T> work) {
      // A transaction may be retried (serialization failure): only the last attempt's events count.
      recorded.clear();
      audited.clear();
      routine = false;
      open = true;
      try {
        T result = work.apply(this);
        // Thrown inside the transaction, so the change it would leave unaudited rolls back.
        if (audited.size() > 1 || (audited.isEmpty() && !routine)) {
          throw new IllegalStateException(
              "a change must write exactly one audit event, this one wrote " + audited);
        }
        return result;
      } finally {
        open = false;
      }
    }

    /**
     * Evicts what the committed change made stale, then tells the request its revision (the newest
     * version it recorded): only once this instance answers from it, so a client passing the
     * revision back here never waits. A unit that recorded nothing has no revision.
     */
    private void invalidate(CacheInvalidation invalidation) {
      long revision = -1;
      for (Recorded change : recorded) {
        revision = Math.max(revision, change.version());
        try {
          invalidation.invalidate(change.scope(), change.version());
        } catch (RuntimeException e) {
          // The change is committed and its message is on its way to every instance, this one
          // included, which evicts again when it arrives: failing the request now would report a
          // committed change as failed.
          LOG.log(
              System.Logger.Level.WARNING,
              "Local eviction failed for " + change.scope() + "; relying on the change message",
              e);
        }
      }
      if (revision >= 0) {
        RequestContext.committed(revision);
      }
    }
  }

  private record Recorded(InvalidationScope scope, long version) {}
}
