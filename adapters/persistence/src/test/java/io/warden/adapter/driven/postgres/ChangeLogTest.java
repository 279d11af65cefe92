package io.warden.adapter.driven.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.warden.application.port.driven.ChangeLog;
import io.warden.domain.event.InvalidationScope;
import io.warden.domain.event.RbacEvent;
import io.warden.domain.model.tenant.TenantId;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code change_log} beyond the contract ({@code ChangeLogContract}, run by {@link
 * PostgresStorageContractTest}): committed versions are gap-free, a rolled-back version being
 * handed out again, which is how a range is known complete by counting its rows.
 */
class ChangeLogTest extends PostgresTestBase {

  private long record(TenantId tenant, RbacEvent event) {
    return inTenant(tenant, () -> db.changeJournal().record(event));
  }

  @Test
  void a_rolled_back_change_is_not_logged_and_its_version_is_logged_by_the_next_commit() {
    TenantId tenant = newTenant();
    long before = db.dataVersion();
    changeThatFailsAfterJournaling(tenant);
    long next = record(tenant, new RbacEvent.CacheFlushed(tenant));

    assertThat(next).isEqualTo(before + 1);
    assertThat(db.changeLog().between(before, next))
        .contains(List.of(new ChangeLog.Logged(next, new InvalidationScope.WholeTenant(tenant))));
  }
}
