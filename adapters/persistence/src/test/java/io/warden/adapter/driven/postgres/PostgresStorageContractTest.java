package io.warden.adapter.driven.postgres;

import io.warden.adapter.driven.postgres.testing.TestPostgres;
import io.warden.application.port.driven.SigningKeyRepository;
import io.warden.application.port.driven.contract.Storage;
import io.warden.application.port.driven.contract.StorageContracts;
import io.warden.testing.MutableClock;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * The PostgreSQL adapter keeps every storage port's contract, the same one the in-memory fakes
 * keep. One migrated database serves every contract: each test makes its own tenants and users.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresStorageContractTest extends StorageContracts {
  private TestPostgres.Database database;
  private PostgresPersistence db;
  private Storage storage;

  @BeforeAll
  void start() {
    database = TestPostgres.freshDatabase();
    db =
        PostgresPersistence.start(
            new PostgresSettings(database.jdbcUrl(), database.user(), database.password(), 8),
            MutableClock.standingStill());
    storage =
        new Storage(
            db.transactions(),
            db.tenants(),
            db.users(),
            db.memberships(),
            db.roles(),
            db.permissions(),
            db.sessions(),
            db.signingKeys(),
            db.changeJournal(),
            db.cacheEpochs());
  }

  @AfterAll
  void stop() {
    if (db != null) {
      db.close();
    }
  }

  @Override
  protected Storage storage() {
    return storage;
  }

  @Override
  protected SigningKeyRepository signingKeysWithoutKeys() {
    try (Connection admin = database.connectAsAdmin();
        Statement statement = admin.createStatement()) {
      statement.execute("DELETE FROM signing_keys");
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return storage.signingKeys();
  }
}
