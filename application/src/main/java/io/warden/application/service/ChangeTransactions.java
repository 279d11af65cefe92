package io.warden.application.service;

import io.warden.application.port.driven.CacheInvalidation;
import io.warden.application.port.driven.ChangeJournal;
import io.warden.application.port.driven.Transactions;
import io.warden.domain.event.InvalidationScope;
import io.warden.domain.event.RbacEvent;
import io.warden.domain.model.tenant.TenantId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Runs a change in one transaction, journals its events inside that transaction and evicts the
 * caches for their scopes after it commits: the one place every service goes through to change RBAC
 * data, so no service can forget the journal or invalidate before the commit.
 */
final class ChangeTransactions {
  private static final System.Logger LOG = System.getLogger(ChangeTransactions.class.getName());

  private final Transactions transactions;
  private final ChangeJournal journal;
  private final CacheInvalidation invalidation;

  ChangeTransactions(
      Transactions transactions, ChangeJournal journal, CacheInvalidation invalidation) {
    this.transactions = Objects.requireNonNull(transactions, "transactions");
    this.journal = Objects.requireNonNull(journal, "journal");
    this.invalidation = Objects.requireNonNull(invalidation, "invalidation");
  }

  /** The plain transactions, for the reads that change nothing. */
  Transactions transactions() {
    return transactions;
  }

  <T> T inTenant(TenantId tenantId, Function<Changes, T> work) {
    Changes changes = new Changes(journal);
    T result = transactions.inTenant(tenantId, () -> changes.run(work));
    changes.invalidate(invalidation);
    return result;
  }

  void runInTenant(TenantId tenantId, Consumer<Changes> work) {
    inTenant(tenantId, asFunction(work));
  }

  <T> T acrossTenants(Function<Changes, T> work) {
    Changes changes = new Changes(journal);
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

  /** The events of one change; recorded in its transaction, invalidated after its commit. */
  static final class Changes {
    private final ChangeJournal journal;
    private final List<Recorded> recorded = new ArrayList<>();
    private boolean open;

    private Changes(ChangeJournal journal) {
      this.journal = journal;
    }

    /** Journals {@code event} in the running transaction; its caches are evicted after commit. */
    void record(RbacEvent event) {
      if (!open) {
        throw new IllegalStateException("a change can be recorded only inside its transaction");
      }
      recorded.add(new Recorded(event.scope(), journal.record(event)));
    }

    private <T> T run(Function<Changes, T> work) {
      // A transaction may be retried (serialization failure): only the last attempt's events count.
      recorded.clear();
      open = true;
      try {
        return work.apply(this);
      } finally {
        open = false;
      }
    }

    private void invalidate(CacheInvalidation invalidation) {
      for (Recorded change : recorded) {
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
    }
  }

  private record Recorded(InvalidationScope scope, long version) {}
}
