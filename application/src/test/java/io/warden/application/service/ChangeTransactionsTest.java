package io.warden.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.warden.application.fake.FakeTransactions;
import io.warden.application.fake.InMemoryAuditLog;
import io.warden.application.fake.InMemoryChangeJournal;
import io.warden.application.fake.InMemoryStore;
import io.warden.application.fake.RecordingCacheInvalidation;
import io.warden.application.fake.RecordingCacheInvalidation.Invalidation;
import io.warden.application.port.driven.Transactions;
import io.warden.domain.event.RbacEvent;
import io.warden.domain.model.tenant.TenantId;
import io.warden.domain.model.user.UserId;
import io.warden.testing.MutableClock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class ChangeTransactionsTest {
  private final InMemoryStore store = new InMemoryStore();
  private final FakeTransactions transactions = new FakeTransactions(store);
  private final RecordingCacheInvalidation invalidation = new RecordingCacheInvalidation(store);
  private final InMemoryAuditLog auditLog = new InMemoryAuditLog(store);
  private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
  private final ChangeTransactions changes = over(transactions);
  private final TenantId tenant = TenantId.random();
  private final UserId user = UserId.random();

  @Test
  void invalidates_each_recorded_scope_with_its_version_after_the_commit() {
    RbacEvent assigned = new RbacEvent.MemberAdded(tenant, user);
    RbacEvent renamed = new RbacEvent.TenantChanged(tenant);

    changes.runInTenant(
        tenant,
        c -> {
          c.record(assigned);
          c.record(renamed);
          c.audit(Audit.bySystem("test.change"));
          assertThat(invalidation.invalidations()).as("nothing before the commit").isEmpty();
        });

    assertThat(store.journal()).hasSize(2);
    long first = store.journal().get(0).version();
    long second = store.journal().get(1).version();
    assertThat(second).isGreaterThan(first);
    assertThat(invalidation.invalidations())
        .containsExactly(
            new Invalidation(assigned.scope(), first, false, true),
            new Invalidation(renamed.scope(), second, false, true));
  }

  @Test
  void a_change_that_throws_is_neither_kept_nor_announced() {
    runChangeThatRecordsThenFails();

    assertThat(store.journal()).isEmpty();
    assertThat(invalidation.invalidations()).isEmpty();
    assertThat(transactions.rollbacks()).isEqualTo(1);
  }

  @Test
  void a_change_whose_commit_fails_is_not_announced() {
    transactions.failNextCommit(() -> new IllegalStateException("connection lost at commit"));

    assertThatThrownBy(
            () ->
                changes.runAcrossTenants(
                    c -> {
                      c.record(new RbacEvent.UserChanged(user));
                      c.audit(Audit.bySystem("test.change"));
                    }))
        .hasMessage("connection lost at commit");

    assertThat(store.journal()).isEmpty();
    assertThat(auditLog.all()).as("the event went with its change").isEmpty();
    assertThat(invalidation.invalidations()).isEmpty();
  }

  @Test
  void a_failing_local_eviction_does_not_fail_a_committed_change() {
    invalidation.failWith(new IllegalStateException("cache gone"));

    String result =
        changes.acrossTenants(
            c -> {
              c.record(new RbacEvent.UserChanged(user));
              c.record(new RbacEvent.SessionRevoked(user));
              c.audit(Audit.bySystem("test.change"));
              return "done";
            });

    assertThat(result).isEqualTo("done");
    assertThat(store.journal()).hasSize(2);
    assertThat(invalidation.invalidations()).as("every scope is still tried").hasSize(2);
  }

  @Test
  void an_event_cannot_be_recorded_after_its_transaction() {
    AtomicReference<ChangeTransactions.Changes> escaped = new AtomicReference<>();
    changes.runAcrossTenants(
        c -> {
          escaped.set(c);
          c.notAudited();
        });

    assertThatThrownBy(() -> escaped.get().record(new RbacEvent.UserChanged(user)))
        .isInstanceOf(IllegalStateException.class);
    assertThat(store.journal()).isEmpty();
  }

  @Test
  void only_the_last_attempt_of_a_retried_transaction_is_announced() {
    Transactions retrying = new RetryingOnce(transactions);
    ChangeTransactions retried = over(retrying);
    int[] attempt = {0};

    retried.runAcrossTenants(
        c -> {
          attempt[0]++;
          c.record(new RbacEvent.UserChanged(user));
          c.audit(Audit.bySystem("test.change").detail("attempt", attempt[0]));
          if (attempt[0] == 1) {
            throw new IllegalStateException("serialization failure");
          }
        });

    assertThat(attempt[0]).isEqualTo(2);
    assertThat(store.journal()).hasSize(1);
    assertThat(invalidation.invalidations())
        .singleElement()
        .satisfies(i -> assertThat(i.version()).isEqualTo(store.journal().get(0).version()));
    assertThat(auditLog.all())
        .as("one event, the committed attempt's")
        .singleElement()
        .satisfies(e -> assertThat(e.details()).containsEntry("attempt", 2L));
  }

  @Test
  void a_change_that_writes_no_audit_event_fails_and_leaves_nothing() {
    assertThatThrownBy(
            () -> changes.runInTenant(tenant, c -> c.record(new RbacEvent.TenantChanged(tenant))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("exactly one audit event");

    assertThat(store.journal()).isEmpty();
    assertThat(invalidation.invalidations()).isEmpty();
    assertThat(transactions.rollbacks()).isEqualTo(1);
  }

  @Test
  void a_change_that_writes_two_audit_events_fails_and_leaves_neither() {
    assertThatThrownBy(
            () ->
                changes.runInTenant(
                    tenant,
                    c -> {
                      c.audit(Audit.bySystem("test.one"));
                      c.audit(Audit.bySystem("test.two"));
                    }))
        .isInstanceOf(IllegalStateException.class);

    assertThat(auditLog.all()).isEmpty();
  }

  @Test
  void the_event_is_stamped_with_the_clock_and_the_tenant_of_the_transaction() {
    changes.runInTenant(
        tenant,
        c -> {
          c.record(new RbacEvent.TenantChanged(tenant));
          c.audit(Audit.bySystem("tenant.update").target("tenantId", tenant));
        });

    assertThat(auditLog.all())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.at()).isEqualTo(clock.instant());
              assertThat(e.tenantId()).contains(tenant);
              assertThat(e.actor()).isEmpty();
              assertThat(e.requestId()).isEmpty();
              assertThat(e.target()).containsEntry("tenantId", tenant.toString());
            });
  }

  @Test
  void an_event_of_another_tenant_cannot_be_written_inside_a_tenant_change() {
    assertThatThrownBy(
            () ->
                changes.runInTenant(
                    tenant, c -> c.audit(Audit.bySystem("test.change").tenant(TenantId.random()))))
        .isInstanceOf(IllegalStateException.class);
    assertThat(auditLog.all()).isEmpty();
  }

  @Test
  void a_change_that_fails_after_writing_its_event_leaves_no_event() {
    assertThatThrownBy(
            () ->
                changes.runAcrossTenants(
                    c -> {
                      c.audit(Audit.bySystem("test.change"));
                      throw new IllegalStateException("constraint violated after the event");
                    }))
        .hasMessageContaining("after the event");

    assertThat(auditLog.all()).isEmpty();
  }

  /** Runs a change that records an event and then fails, as on a violated constraint. */
  private void runChangeThatRecordsThenFails() {
    assertThatThrownBy(
            () ->
                changes.runAcrossTenants(
                    c -> {
                      c.record(new RbacEvent.UserChanged(user));
                      throw new IllegalStateException("constraint violated");
                    }))
        .isInstanceOf(IllegalStateException.class);
  }

  private ChangeTransactions over(Transactions transactions) {
    return new ChangeTransactions(
        transactions, new InMemoryChangeJournal(store), invalidation, auditLog, clock);
  }

  /** A transaction manager that retries a failed transaction once, as on serialization failure. */
  private record RetryingOnce(Transactions delegate) implements Transactions {
    @Override
    public <T> T inTenant(TenantId tenantId, Supplier<T> work) {
      try {
        return delegate.inTenant(tenantId, work);
      } catch (IllegalStateException e) {
        return delegate.inTenant(tenantId, work);
      }
    }

    @Override
    public <T> T acrossTenants(Supplier<T> work) {
      try {
        return delegate.acrossTenants(work);
      } catch (IllegalStateException e) {
        return delegate.acrossTenants(work);
      }
    }
  }

  @Test
  void the_request_hears_the_newest_revision_its_change_committed_after_the_evictions() {
    java.util.List<Long> heard = new java.util.ArrayList<>();
    try (var binding =
        io.warden.application.port.driving.RequestContext.bind(
            "req-1",
            revision -> {
              assertThat(invalidation.invalidations()).as("evicted before it is told").hasSize(2);
              heard.add(revision);
            })) {
      changes.runInTenant(
          tenant,
          c -> {
            c.record(new RbacEvent.MemberAdded(tenant, user));
            c.record(new RbacEvent.TenantChanged(tenant));
            c.audit(Audit.bySystem("test.change"));
            assertThat(heard).as("nothing before the commit").isEmpty();
          });
      assertThat(io.warden.application.port.driving.RequestContext.committedRevision())
          .hasValue(store.journal().get(1).version());
    }
    assertThat(heard).containsExactly(store.journal().get(1).version());
  }

  @Test
  void a_unit_that_recorded_nothing_or_rolled_back_has_no_revision() {
    java.util.List<Long> heard = new java.util.ArrayList<>();
    try (var binding =
        io.warden.application.port.driving.RequestContext.bind("req-2", heard::add)) {
      changes.runAcrossTenants(c -> c.notAudited());
      runChangeThatRecordsThenFails();
      assertThat(io.warden.application.port.driving.RequestContext.committedRevision()).isEmpty();
    }
    assertThat(heard).isEmpty();
  }
}
