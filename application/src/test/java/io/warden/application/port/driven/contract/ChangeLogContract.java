package io.warden.application.port.driven.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.warden.application.port.driven.ChangeLog;
import io.warden.application.port.driven.ChangeLog.Logged;
import io.warden.application.port.driven.contract.Announcements.Announced;
import io.warden.domain.event.RbacEvent;
import io.warden.domain.model.tenant.TenantId;
import io.warden.domain.model.user.UserId;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ChangeLog} must do: it logs exactly what the storage announced, under the same
 * versions with the same scopes (journaled changes and epoch advances alike), and a range it cannot
 * answer whole — not committed yet, or forgotten — is empty, never a shorter list. A rolled-back
 * change is not logged and leaves no hole.
 */
public abstract class ChangeLogContract extends AnnouncingContract {

  /** The change log of {@link #storage()}. */
  protected abstract ChangeLog changeLog();

  private long record(TenantId tenant, RbacEvent event) {
    return inTenant(tenant, () -> storage().changeJournal().record(event));
  }

  private static List<Logged> logged(List<Announced> announcements) {
    return announcements.stream().map(a -> new Logged(a.version(), a.scope())).toList();
  }

  @Test
  public void it_logs_exactly_what_was_announced_oldest_first() {
    TenantId tenant = newTenant();
    long first = record(tenant, new RbacEvent.CacheFlushed(tenant));
    across(() -> storage().changeJournal().record(new RbacEvent.UserChanged(UserId.random())));
    storage().cacheEpochs().advance();

    List<Announced> announcements = announced.next(3);
    long last = announcements.get(2).version();

    assertThat(announcements.get(0).version()).isEqualTo(first);
    assertThat(changeLog().between(first - 1, last)).contains(logged(announcements));
    assertThat(changeLog().between(last, last)).contains(List.of());
  }

  @Test
  public void a_rolled_back_change_is_not_logged_and_leaves_no_hole() {
    TenantId tenant = newTenant();
    long first = record(tenant, new RbacEvent.CacheFlushed(tenant));
    assertThatThrownInTenant(
            tenant,
            () -> {
              storage().changeJournal().record(new RbacEvent.TenantChanged(tenant));
              throw new IllegalStateException("the change fails after journaling");
            })
        .isInstanceOf(IllegalStateException.class);
    long next = record(tenant, new RbacEvent.CacheFlushed(tenant));

    assertThat(changeLog().between(first - 1, next)).contains(logged(announced.next(2)));
  }

  @Test
  public void a_range_reaching_past_what_was_committed_is_unknown() {
    Announced marker = marker();

    assertThat(changeLog().between(marker.version() - 1, marker.version())).isPresent();
    assertThat(changeLog().between(marker.version() - 1, marker.version() + 1)).isEmpty();
    assertThat(changeLog().between(marker.version(), marker.version() + 1000)).isEmpty();
  }

  @Test
  public void a_range_reaching_into_what_was_forgotten_is_unknown() {
    Announced first = marker();
    Announced second = marker();

    assertThat(changeLog().forgetUpTo(first.version())).isPositive();

    assertThat(changeLog().between(first.version() - 1, second.version())).isEmpty();
    assertThat(changeLog().between(first.version(), second.version()))
        .contains(List.of(new Logged(second.version(), second.scope())));
    assertThat(changeLog().forgetUpTo(first.version())).isZero();
  }

  @Test
  public void a_range_that_ends_before_it_begins_is_refused() {
    Announced marker = marker();

    assertThatThrownBy(() -> changeLog().between(marker.version(), marker.version() - 1))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
