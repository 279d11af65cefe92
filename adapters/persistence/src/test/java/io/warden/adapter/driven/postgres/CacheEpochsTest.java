package io.warden.adapter.driven.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.warden.domain.event.InvalidationScope;
import java.sql.SQLException;
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
}
