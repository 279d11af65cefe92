package io.warden.application.service;

import io.warden.application.port.driven.AuditLog;
import io.warden.application.port.driven.CacheInvalidation;
import io.warden.application.port.driven.ChangeJournal;
import io.warden.application.port.driven.EffectivePermissions;
import io.warden.application.port.driven.PermissionSnapshot;
import io.warden.application.port.driven.Transactions;
import io.warden.application.port.driving.RequestContext;
import io.warden.domain.event.InvalidationScope;
import io.warden.domain.event.RbacEvent;
import io.warden.domain.model.role.RoleId;
import io.warden.domain.model.tenant.TenantId;
import io.warden.domain.model.user.UserId;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * Runs a change in one transaction, journals its events inside that transaction and evicts the
 * caches for their scopes after it commits: the one place every service goes through to change RBAC
 * data, so no service can forget the journal or invalidate before the commit.
 *
 * <p>It is also where the audit trail is written: every unit of work must write exactly one audit
 * event ({@link Changes#audit}) in its transaction, or say that it is routine and not audited
 * ({@link Changes#notAudited}, a token rotation); a unit that does neither fails and rolls back. So
 * a change cannot commit without its event, and an event cannot outlive a change that rolled back.
 *
 * <p><b>New sets travel with their change.</b> A change to one user in one tenant (a role assigned
 * or taken, a member added or removed) reads that user's new permission set from the source of
 * truth in its own transaction, after all its events were journaled — every writer queues on the
 * journal's version, so every change before it in version order is visible and none after it is —
 * and hands it to the journal (sent with the change's message) and, after the commit, to this
 * instance's tiers, which may keep it instead of evicting the old one ({@link
 * PermissionSnapshot#narrowing}: only ever a narrower set). The first check after a revocation then
 * finds the new set in memory instead of reloading it; a grant still evicts and loads. At most
 * {@value #MAX_ANNOUNCED_SETS} users' sets per change; any more are evicted as before.
 */
final class ChangeTransactions {
  private static final System.Logger LOG = System.getLogger(ChangeTransactions.class.getName());

  /** How many users' new sets one change reads and announces at most. */
  static final int MAX_ANNOUNCED_SETS = 8;

  private final Transactions transactions;
  private final ChangeJournal journal;
  private final CacheInvalidation invalidation;
  private final AuditLog auditLog;
  private final Clock clock;
  private final Optional<EffectivePermissions> source;

  /** Changes that announce no new sets: every change evicts. */
  ChangeTransactions(
      Transactions transactions,
      ChangeJournal journal,
      CacheInvalidation invalidation,
      AuditLog auditLog,
      Clock clock) {
    this(transactions, journal, invalidation, auditLog, clock, Optional.empty());
  }

  /**
   * {@code source}: the permission sets as the source of truth answers them inside the running
   * transaction (never a cache tier), for the new sets that travel with one-user changes.
   */
  ChangeTransactions(
      Transactions transactions,
      ChangeJournal journal,
      CacheInvalidation invalidation,
      AuditLog auditLog,
      Clock clock,
      Optional<EffectivePermissions> source) {
    this.source = source;
    this.transactions = transactions;
    this.journal = journal;
    this.invalidation = invalidation;
    this.auditLog = auditLog;
    this.clock = clock;
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

  /** {@code work} as a function; its result (always true) is ignored by the {@code run} forms. */
  private static Function<Changes, Boolean> asFunction(Consumer<Changes> work) {
    return changes -> {
      work.accept(changes);
      return Boolean.TRUE;
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
      recorded.add(new Recorded(event.scope(), owner.journal.record(event), Optional.empty()));
    }

    /**
     * Journals a change of {@code roleId} (its name, description, permissions or inclusions) as a
     * change of each user whose permissions depend on it — {@code holders} asked for at most one
     * more than {@link #MAX_ANNOUNCED_SETS}, once every change before this one has committed
     * ({@link ChangeJournal#holdVersions}) — so that only their answers are evicted and their new
     * sets travel with the change; a role held by more, or by nobody, is a change of the whole
     * tenant, as before.
     */
    void recordRoleChange(TenantId tenant, RoleId roleId, IntFunction<List<UserId>> holders) {
      requireOpen();
      owner.journal.holdVersions();
      List<UserId> few = holders.apply(MAX_ANNOUNCED_SETS + 1);
      if (few.isEmpty() || few.size() > MAX_ANNOUNCED_SETS) {
        record(new RbacEvent.RoleChanged(tenant, roleId));
      } else {
        few.forEach(user -> record(new RbacEvent.RoleChangedFor(tenant, roleId, user)));
      }
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
        owner.source.ifPresent(this::readNewSets);
        return result;
      } finally {
        open = false;
      }
    }

    /**
     * Last in the transaction, once every event is journaled: reads the new set of each user a
     * one-user event names (in this transaction's tenant, at most {@link #MAX_ANNOUNCED_SETS}) and
     * attaches it to the event's message and to the eviction after the commit.
     */
    private void readNewSets(EffectivePermissions source) {
      Map<TenantId, Set<UserId>> named = new LinkedHashMap<>();
      int users = 0;
      for (Recorded change : recorded) {
        if (change.scope() instanceof InvalidationScope.UserInTenant pair
            && scope.filter(tenant -> !tenant.equals(pair.tenantId())).isEmpty()
            && users < MAX_ANNOUNCED_SETS
            && named
                .computeIfAbsent(pair.tenantId(), t -> new LinkedHashSet<>())
                .add(pair.userId())) {
          users++;
        }
      }
      // One statement per tenant (in practice one: the transaction's), however many users.
      Map<TenantId, Map<UserId, PermissionSnapshot>> read = new HashMap<>();
      named.forEach((tenant, ids) -> read.put(tenant, source.ofAll(tenant, ids)));
      for (int i = 0; i < recorded.size(); i++) {
        Recorded change = recorded.get(i);
        if (change.scope() instanceof InvalidationScope.UserInTenant pair
            && read.getOrDefault(pair.tenantId(), Map.of()).get(pair.userId())
                instanceof PermissionSnapshot now) {
          owner.journal.attach(change.version(), now);
          recorded.set(i, new Recorded(pair, change.version(), Optional.of(now)));
        }
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
          if (change.now().isPresent()) {
            invalidation.invalidate(
                (InvalidationScope.UserInTenant) change.scope(),
                change.version(),
                change.now().get());
          } else {
            invalidation.invalidate(change.scope(), change.version());
          }
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

  /** A journaled event: its scope, its version and, for a one-user change, the user's new set. */
  private record Recorded(
      InvalidationScope scope, long version, Optional<PermissionSnapshot> now) {}
}
