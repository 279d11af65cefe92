package io.warden.application.port.driven.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.warden.application.port.driven.ChangeJournal;
import io.warden.application.port.driven.contract.Announcements.Announced;
import io.warden.domain.event.RbacEvent;
import io.warden.domain.model.permission.PermissionName;
import io.warden.domain.model.role.RoleId;
import io.warden.domain.model.tenant.TenantId;
import io.warden.domain.model.user.UserId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ChangeJournal} must do: a change is announced if and only if its transaction
 * commits — exactly once, in commit order, with the data version {@code record} returned and the
 * scope of its event; a rolled-back change announces nothing.
 */
public abstract class ChangeJournalContract extends AnnouncingContract {
  private ChangeJournal journal() {
    return storage().changeJournal();
  }

  private long recordAcross(RbacEvent event) {
    return across(() -> journal().record(event));
  }

  @Test
  public void a_committed_change_is_announced_once_with_its_version_and_scope() {
    TenantId tenant = newTenant();
    UserId user = newMember(tenant);
    RbacEvent event = new RbacEvent.MemberAdded(tenant, user);

    long version = inTenant(tenant, () -> journal().record(event));

    assertThat(announced.next()).isEqualTo(new Announced(version, event.scope()));
    Announced marker = marker();
    assertThat(announced.next()).as("announced once").isEqualTo(marker);
  }

  @Test
  public void a_rolled_back_change_announces_nothing() {
    TenantId tenant = newTenant();
    long before = recordAcross(new RbacEvent.UserChanged(UserId.random()));
    announced.next();

    assertThatThrownInTenant(
            tenant,
            () -> {
              journal().record(new RbacEvent.TenantChanged(tenant));
              throw new IllegalStateException("the change fails after journaling");
            })
        .hasMessageContaining("fails");
    Announced marker = marker();

    assertThat(announced.next()).isEqualTo(marker);
    assertThat(marker.version()).isGreaterThan(before);
  }

  @Test
  public void several_changes_of_one_transaction_are_announced_in_order_at_its_commit() {
    TenantId tenant = newTenant();
    UserId user = newMember(tenant);
    RbacEvent first = new RbacEvent.MemberAdded(tenant, user);
    RbacEvent second = new RbacEvent.TenantChanged(tenant);

    List<Long> versions =
        inTenant(tenant, () -> List.of(journal().record(first), journal().record(second)));

    assertThat(versions.get(1)).isGreaterThan(versions.get(0));
    assertThat(announced.next(2))
        .containsExactly(
            new Announced(versions.get(0), first.scope()),
            new Announced(versions.get(1), second.scope()));
  }

  @Test
  public void versions_grow_with_every_committed_change() {
    List<Long> versions = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      versions.add(recordAcross(new RbacEvent.UserChanged(UserId.random())));
    }

    assertThat(versions).isSorted().doesNotHaveDuplicates();
    assertThat(announced.next(5)).extracting(Announced::version).isEqualTo(versions);
  }

  @Test
  public void every_event_is_announced_with_its_own_scope() {
    TenantId tenant = newTenant();
    UserId user = newMember(tenant);
    RoleId role = newRole(tenant, "journal", 1).id();
    PermissionName permission = newPermission("journal");
    List<RbacEvent> events =
        List.of(
            new RbacEvent.TenantCreated(tenant),
            new RbacEvent.TenantChanged(tenant),
            new RbacEvent.UserCreated(user),
            new RbacEvent.UserChanged(user),
            new RbacEvent.SessionRevoked(user),
            new RbacEvent.AllSessionsRevoked(user),
            new RbacEvent.MemberAdded(tenant, user),
            new RbacEvent.RoleCreated(tenant, role),
            new RbacEvent.RoleChanged(tenant, role),
            new RbacEvent.RoleAssigned(tenant, user, role),
            new RbacEvent.RoleUnassigned(tenant, user, role),
            new RbacEvent.RoleDeleted(tenant, role),
            new RbacEvent.MemberRemoved(tenant, user),
            new RbacEvent.CacheFlushed(tenant),
            new RbacEvent.PermissionCreated(permission),
            new RbacEvent.PermissionDeleted(permission));

    List<Announced> expected = new ArrayList<>();
    for (RbacEvent event : events) {
      expected.add(new Announced(inTenant(tenant, () -> journal().record(event)), event.scope()));
    }

    assertThat(announced.next(events.size())).containsExactlyElementsOf(expected);
  }

  @Test
  public void concurrent_writers_get_distinct_versions_announced_in_commit_order()
      throws Exception {
    int writers = 4;
    int each = 5;
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    List<Long> all = new ArrayList<>();
    try {
      List<Callable<List<Long>>> tasks = new ArrayList<>();
      for (int w = 0; w < writers; w++) {
        tasks.add(
            () -> {
              List<Long> mine = new ArrayList<>();
              for (int i = 0; i < each; i++) {
                mine.add(recordAcross(new RbacEvent.UserChanged(UserId.random())));
              }
              return mine;
            });
      }
      for (Future<List<Long>> result : pool.invokeAll(tasks)) {
        all.addAll(result.get());
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(all).doesNotHaveDuplicates().hasSize(writers * each);
    assertThat(announced.next(writers * each))
        .extracting(Announced::version)
        .isSorted()
        .containsExactlyInAnyOrderElementsOf(all);
  }

  @Test
  public void recording_outside_a_transaction_fails() {
    assertThatThrownBy(() -> journal().record(new RbacEvent.UserChanged(UserId.random())))
        .isInstanceOf(IllegalStateException.class);
  }
}
