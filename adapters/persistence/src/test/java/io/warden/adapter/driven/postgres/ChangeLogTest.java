package io.warden.adapter.driven.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.warden.application.port.driven.ChangeLog;
import io.warden.domain.event.InvalidationScope;
import io.warden.domain.event.RbacEvent;
import io.warden.domain.model.tenant.TenantId;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * {@code change_log}: what a reconnecting listener reads instead of flushing. Exactly the committed
 * changes are logged, under their versions, with their scopes; a range with any version missing is
 * reported as unknown, never as a shorter list.
 */
class ChangeLogTest extends PostgresTestBase {

  private long record(TenantId tenant, RbacEvent event) {
    return inTenant(tenant, () -> db.changeJournal().record(event));
  }

  @Test
  void every_committed_change_is_logged_under_its_version_with_its_scope() {
    TenantId tenant = newTenant();
    long before = db.dataVersion();
    long first = record(tenant, new RbacEvent.CacheFlushed(tenant));
    long second = record(tenant, new RbacEvent.TenantChanged(tenant));

    Optional<List<ChangeLog.Logged>> logged = db.changeLog().between(before, second);

    assertThat(logged)
        .contains(
            List.of(
                new ChangeLog.Logged(first, new InvalidationScope.WholeTenant(tenant)),
                new ChangeLog.Logged(second, new InvalidationScope.WholeTenant(tenant))));
    assertThat(db.changeLog().between(second, second)).contains(List.of());
  }

  @Test
  void a_rolled_back_change_is_not_logged_and_its_version_is_logged_by_the_next_commit() {
    TenantId tenant = newTenant();
    long before = db.dataVersion();
    assertThatThrownBy(
            () ->
                inTenant(
                    tenant,
                    () -> {
                      db.changeJournal().record(new RbacEvent.TenantChanged(tenant));
                      throw new IllegalStateException("the change fails after journaling");
                    }))
        .isInstanceOf(IllegalStateException.class);
    long next = record(tenant, new RbacEvent.CacheFlushed(tenant));

    assertThat(next).isEqualTo(before + 1);
    assertThat(db.changeLog().between(before, next))
        .contains(List.of(new ChangeLog.Logged(next, new InvalidationScope.WholeTenant(tenant))));
  }

  @Test
  void an_epoch_advance_is_logged_as_everything() {
    long before = db.dataVersion();
    db.cacheEpochs().advance();
    long after = db.dataVersion();

    assertThat(db.changeLog().between(before, after))
        .contains(List.of(new ChangeLog.Logged(after, new InvalidationScope.Everything())));
  }

  @Test
  void a_range_reaching_past_what_is_logged_or_pruned_is_unknown() {
    TenantId tenant = newTenant();
    long before = db.dataVersion();
    long first = record(tenant, new RbacEvent.CacheFlushed(tenant));
    long second = record(tenant, new RbacEvent.CacheFlushed(tenant));

    assertThat(db.changeLog().between(before, second + 1)).as("not committed yet").isEmpty();
    assertThat(db.changeLog().forgetUpTo(first)).isPositive();
    assertThat(db.changeLog().between(before, second)).as("pruned").isEmpty();
    assertThat(db.changeLog().between(first, second)).isPresent();
  }
}
