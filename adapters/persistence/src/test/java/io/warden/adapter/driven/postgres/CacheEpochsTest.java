package io.warden.adapter.driven.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.warden.application.port.driven.Unavailable;
import io.warden.domain.event.InvalidationScope;
import io.warden.domain.model.tenant.TenantId;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The epoch advance as PostgreSQL announces it (its message type); the port's contract runs in
 * {@link PostgresStorageContractTest}.
 */
class CacheEpochsTest extends PostgresTestBase {

  @Test
  void an_advance_moves_the_epoch_and_the_data_version_and_is_announced_to_everyone()
      throws SQLException {
    long epoch = db.cacheEpochs().current();
    long version = db.dataVersion();

    try (NotificationListener listener = new NotificationListener(db)) {
      long advanced = db.cacheEpochs().advance();

      assertThat(advanced).isEqualTo(epoch + 1);
      assertThat(db.cacheEpochs().current()).isEqualTo(advanced);
      assertThat(db.dataVersion()).isEqualTo(version + 1);
      assertThat(InvalidationMessage.parse(listener.next()))
          .isEqualTo(
              new InvalidationMessage(
                  version + 1,
                  InvalidationMessage.CACHE_EPOCH_ADVANCED,
                  new InvalidationScope.Everything()));
    }
  }

  @Test
  void inside_a_read_only_transaction_an_advance_is_refused_without_aborting_it() {
    long epoch = db.cacheEpochs().current();
    List<Long> prepared = new ArrayList<>();

    long seenAfter =
        db.transactions()
            .readInTenant(
                TenantId.random(),
                () -> {
                  assertThatThrownBy(() -> db.cacheEpochs().advance(epoch, prepared::add))
                      .isInstanceOf(Unavailable.class);
                  return db.cacheEpochs().current();
                });

    assertThat(seenAfter).as("the caller's transaction still works").isEqualTo(epoch);
    assertThat(prepared).isEmpty();
    assertThat(db.cacheEpochs().current()).isEqualTo(epoch);
  }
}
