package io.warden.adapter.driven.postgres;

import io.warden.adapter.driven.postgres.listen.PostgresInvalidationListener;
import io.warden.adapter.driven.postgres.testing.TestPostgres;
import io.warden.application.port.driven.CacheInvalidation;
import io.warden.application.port.driven.ChangeLog;
import io.warden.application.port.driven.SigningKeyRepository;
import io.warden.application.port.driven.UserContexts;
import io.warden.application.port.driven.contract.Announcements;
import io.warden.application.port.driven.contract.InvalidationFeedContract;
import io.warden.application.port.driven.contract.Storage;
import io.warden.application.port.driven.contract.StorageContracts;
import io.warden.testing.MutableClock;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
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
  private final MutableClock clock = MutableClock.standingStill();

  @BeforeAll
  void start() {
    database = TestPostgres.freshDatabase();
    db =
        PostgresPersistence.start(
            new PostgresSettings(database.jdbcUrl(), database.user(), database.password(), 8),
            clock);
    storage =
        new Storage(
            db.transactions(),
            db.tenants(),
            db.users(),
            db.memberships(),
            db.invitations(),
            db.roles(),
            db.permissions(),
            db.sessions(),
            db.signingKeys(),
            db.changeJournal(),
            db.cacheEpochs(),
            db.organizations(),
            db.auditLog());
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

  /** A {@code LISTEN} of its own on the invalidation channel; each payload parsed. */
  @Override
  protected Announcements listen() {
    try {
      NotificationListener listener = new NotificationListener(db);
      return new Announcements() {
        @Override
        public List<Announced> next(int count) {
          try {
            return listener.next(count).stream()
                .map(InvalidationMessage::parse)
                .map(message -> new Announced(message.version(), message.scope()))
                .toList();
          } catch (SQLException e) {
            throw new IllegalStateException(e);
          }
        }

        @Override
        public void close() {
          try {
            listener.close();
          } catch (SQLException e) {
            throw new IllegalStateException(e);
          }
        }
      };
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The {@code LISTEN} feed an instance runs, with a staleness bound of one second. */
  @Override
  protected InvalidationFeedContract.Started startFeed(CacheInvalidation tiers) {
    PostgresInvalidationListener listener =
        PostgresInvalidationListener.create(db, Duration.ofSeconds(1));
    listener.start(tiers, version -> {});
    return new InvalidationFeedContract.Started() {
      @Override
      public boolean live() {
        return listener.live();
      }

      @Override
      public void close() {
        listener.close();
      }
    };
  }

  @Override
  protected UserContexts userContexts() {
    return db.userContexts();
  }

  @Override
  protected Instant userContextsNow() {
    return clock.instant();
  }

  @Override
  protected ChangeLog changeLog() {
    return db.changeLog();
  }
}
