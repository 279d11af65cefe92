package io.warden.adapter.driven.postgres;

import io.warden.adapter.driven.postgres.testing.TestPostgres;
import io.warden.application.port.driven.InstanceRegistry;
import io.warden.application.port.driven.contract.InstanceRegistryContract;
import io.warden.testing.MutableClock;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * The heartbeat table keeps the instance registry's contract: every member is a registration of its
 * own (a random instance id) in one migrated database of this class's own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresInstanceRegistryContractTest extends InstanceRegistryContract {
  private static final Duration LIVE_WITHIN = Duration.ofSeconds(1);

  private PostgresPersistence db;

  @BeforeAll
  void start() {
    TestPostgres.Database database = TestPostgres.freshDatabase();
    db =
        PostgresPersistence.start(
            new PostgresSettings(database.jdbcUrl(), database.user(), database.password(), 4),
            MutableClock.standingStill());
  }

  @AfterAll
  void stop() {
    if (db != null) {
      db.close();
    }
  }

  @Override
  protected Member newMember() {
    PostgresInstanceRegistry registry = db.instanceRegistry(LIVE_WITHIN);
    return new Member() {
      @Override
      public InstanceRegistry registry() {
        return registry;
      }

      @Override
      public void beat() {
        registry.beat();
      }

      @Override
      public void close() {
        registry.close();
      }
    };
  }

  @Override
  protected Duration liveWithin() {
    return LIVE_WITHIN;
  }
}
