package io.warden.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.warden.application.fake.FakeTransactions;
import io.warden.application.fake.InMemoryAuditLog;
import io.warden.application.fake.InMemoryChangeJournal;
import io.warden.application.fake.InMemoryStore;
import io.warden.application.port.driven.CacheInvalidation;
import io.warden.application.port.driven.ChangeJournal;
import io.warden.application.port.driven.EffectivePermissions;
import io.warden.application.port.driven.PermissionSnapshot;
import io.warden.domain.event.InvalidationScope;
import io.warden.domain.event.RbacEvent;
import io.warden.domain.model.permission.PermissionSet;
import io.warden.domain.model.role.RoleId;
import io.warden.domain.model.tenant.TenantId;
import io.warden.domain.model.user.UserId;
import io.warden.testing.MutableClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * A one-user change reads the user's new set in its own transaction, after all its events were
 * journaled, and hands it to the journal (for the message) and to the eviction after the commit;
 * any other change evicts as before.
 */
class AnnouncedSetsTest {
  private final InMemoryStore store = new InMemoryStore();
  private final FakeTransactions transactions = new FakeTransactions(store);
  private final TenantId tenant = TenantId.random();
  private final UserId user = UserId.random();
  private final List<String> happened = new ArrayList<>();

  private final EffectivePermissions source =
      new EffectivePermissions() {
        @Override
        public PermissionSnapshot of(TenantId tenantId, UserId userId) {
          return ofAll(tenantId, List.of(userId)).get(userId);
        }

        /** One line per user read, saying where it was read from. */
        @Override
        public Map<UserId, PermissionSnapshot> ofAll(TenantId tenantId, Collection<UserId> ids) {
          Map<UserId, PermissionSnapshot> sets = new java.util.LinkedHashMap<>();
          for (UserId userId : ids) {
            happened.add(
                "read "
                    + userId.equals(user)
                    + " inside="
                    + store.inTransaction()
                    + " after "
                    + journaled.size()
                    + " records");
            sets.put(
                userId,
                PermissionSnapshot.read(
                    PermissionSet.of("reports.view"), 7, Optional.empty(), Instant.EPOCH));
          }
          return sets;
        }
      };

  private final List<Long> journaled = new ArrayList<>();
  private final ChangeJournal journal =
      new ChangeJournal() {
        private final ChangeJournal inMemory = new InMemoryChangeJournal(store);

        @Override
        public long record(RbacEvent event) {
          long version = inMemory.record(event);
          journaled.add(version);
          return version;
        }

        @Override
        public void holdVersions() {
          happened.add("hold");
        }

        @Override
        public void attach(long version, PermissionSnapshot now) {
          happened.add("attach " + version + " inside=" + store.inTransaction());
        }
      };

  private final CacheInvalidation invalidation =
      new CacheInvalidation() {
        @Override
        public void invalidate(InvalidationScope scope, long version) {
          happened.add("evict " + scope.getClass().getSimpleName() + " " + version);
        }

        @Override
        public void invalidate(
            InvalidationScope.UserInTenant scope, long version, PermissionSnapshot now) {
          happened.add("evict with set " + version + " " + now.permissions().names());
        }
      };

  private final ChangeTransactions changes =
      new ChangeTransactions(
          transactions,
          journal,
          invalidation,
          new InMemoryAuditLog(store),
          new MutableClock(Instant.parse("2026-03-01T10:00:00Z")),
          Optional.of(source));

  @Test
  void a_one_user_change_reads_the_set_last_in_its_transaction_and_sends_it_along() {
    RoleId role = RoleId.random();
    changeInTenant(
        c -> {
          c.record(new RbacEvent.RoleUnassigned(tenant, user, role));
          c.record(new RbacEvent.TenantChanged(tenant));
          c.record(new RbacEvent.RoleAssigned(tenant, user, role));
        });

    long first = journaled.get(0);
    long third = journaled.get(2);
    assertThat(happened)
        .containsExactly(
            "read true inside=true after 3 records",
            "attach " + first + " inside=true",
            "attach " + third + " inside=true",
            "evict with set " + first + " [reports.view]",
            "evict WholeTenant " + journaled.get(1),
            "evict with set " + third + " [reports.view]");
  }

  @Test
  void a_change_in_another_tenant_or_of_a_wider_scope_sends_no_set() {
    TenantId other = TenantId.random();
    changeInTenant(
        c -> {
          c.record(new RbacEvent.MemberAdded(other, user));
          c.record(new RbacEvent.UserChanged(user));
        });

    assertThat(happened)
        .containsExactly(
            "evict UserInTenant " + journaled.get(0), "evict WholeUser " + journaled.get(1));
  }

  @Test
  void at_most_a_bounded_number_of_users_sets_are_read_per_change() {
    changes.runAcrossTenants(
        c -> {
          for (int i = 0; i < ChangeTransactions.MAX_ANNOUNCED_SETS + 3; i++) {
            c.record(new RbacEvent.MemberAdded(tenant, UserId.random()));
          }
          c.audit(Audit.bySystem("test.change"));
        });

    assertThat(happened.stream().filter(line -> line.startsWith("read")))
        .hasSize(ChangeTransactions.MAX_ANNOUNCED_SETS);
    assertThat(happened.stream().filter(line -> line.startsWith("evict UserInTenant"))).hasSize(3);
  }

  @Test
  void a_role_change_holds_the_versions_then_asks_for_its_holders_and_tells_each_one() {
    RoleId role = RoleId.random();
    UserId other = UserId.random();
    changeInTenant(
        c -> {
          c.recordRoleChange(
              tenant,
              role,
              atMost -> {
                happened.add("holders, at most " + atMost);
                return List.of(user, other);
              });
        });

    assertThat(happened.subList(0, 2))
        .containsExactly("hold", "holders, at most " + (ChangeTransactions.MAX_ANNOUNCED_SETS + 1));
    assertThat(happened.stream().filter(line -> line.startsWith("evict with set")))
        .containsExactly(
            "evict with set " + journaled.get(0) + " [reports.view]",
            "evict with set " + journaled.get(1) + " [reports.view]");
    assertThat(store.journal())
        .extracting(entry -> entry.event())
        .containsExactly(
            new RbacEvent.RoleChangedFor(tenant, role, user),
            new RbacEvent.RoleChangedFor(tenant, role, other));
  }

  @Test
  void a_role_held_by_many_or_by_nobody_is_a_change_of_the_whole_tenant() {
    RoleId role = RoleId.random();
    for (int holders : List.of(0, ChangeTransactions.MAX_ANNOUNCED_SETS + 1)) {
      happened.clear();
      journaled.clear();
      changeInTenant(
          c -> {
            c.recordRoleChange(
                tenant,
                role,
                atMost -> java.util.stream.Stream.generate(UserId::random).limit(holders).toList());
          });
      assertThat(happened)
          .as("%d holders", holders)
          .containsExactly("hold", "evict WholeTenant " + journaled.get(0));
    }
  }

  /** One change in {@link #tenant}: {@code records} and the audit event every change ends with. */
  private void changeInTenant(Consumer<ChangeTransactions.Changes> records) {
    changes.runInTenant(
        tenant,
        c -> {
          records.accept(c);
          c.audit(Audit.bySystem("test.change"));
        });
  }
}
