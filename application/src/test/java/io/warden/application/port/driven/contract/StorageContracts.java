package io.warden.application.port.driven.contract;

import io.warden.application.port.driven.CacheInvalidation;
import io.warden.application.port.driven.ChangeLog;
import io.warden.application.port.driven.SigningKeyRepository;
import io.warden.application.port.driven.UserContexts;
import java.time.Instant;
import org.junit.jupiter.api.Nested;

/**
 * Every storage port's contract at once, for one database: extend this, say how to reach the
 * storage, and every contract runs against it as a nested test class. A new database adapter
 * extends it in its own module and is done when everything here passes.
 */
public abstract class StorageContracts {

  /** The storage under test; the same for every test is fine (each makes its own data). */
  protected abstract Storage storage();

  /** The signing keys of the storage, holding no key yet (they are global to the database). */
  protected abstract SigningKeyRepository signingKeysWithoutKeys();

  /** A listener of what the storage announces to every instance, subscribed from now on. */
  protected abstract Announcements listen();

  /** The storage's invalidation feed, started, handing every message to {@code tiers}. */
  protected abstract InvalidationFeedContract.Started startFeed(CacheInvalidation tiers);

  @Nested
  class Tenants extends TenantRepositoryContract {
    @Override
    protected Storage storage() {
      return StorageContracts.this.storage();
    }
  }

  @Nested
  class Users extends UserRepositoryContract {
    @Override
    protected Storage storage() {
      return StorageContracts.this.storage();
    }
  }

  @Nested
  class Memberships extends MembershipRepositoryContract {
    @Override
    protected Storage storage() {
      return StorageContracts.this.storage();
    }
  }

  @Nested
  class Invitations extends InvitationRepositoryContract {
    @Override
    protected Storage storage() {
      return StorageContracts.this.storage();
    }
  }

  @Nested
  class Organizations extends OrganizationRepositoryContract {
    @Override
    protected Storage storage() {
      return StorageContracts.this.storage();
    }
  }

  @Nested
  class Roles extends RoleRepositoryContract {
    @Override
    protected Storage storage() {
      return StorageContracts.this.storage();
    }
  }

  @Nested
  class ScopedAssignments extends ScopedAssignmentContract {
    @Override
    protected Storage storage() {
      return StorageContracts.this.storage();
    }
  }

  @Nested
  class Permissions extends PermissionRepositoryContract {
    @Override
    protected Storage storage() {
      return StorageContracts.this.storage();
    }
  }

  @Nested
  class Sessions extends SessionRepositoryContract {
    @Override
    protected Storage storage() {
      return StorageContracts.this.storage();
    }
  }

  @Nested
  class SessionLifetimes extends SessionLifetimeContract {
    @Override
    protected Storage storage() {
      return StorageContracts.this.storage();
    }
  }

  @Nested
  class SigningKeys extends SigningKeyRepositoryContract {
    @Override
    protected SigningKeyRepository withoutKeys() {
      return signingKeysWithoutKeys();
    }

    @Override
    protected Announcements listen() {
      return StorageContracts.this.listen();
    }
  }

  @Nested
  class Audit extends AuditLogContract {
    @Override
    protected Storage storage() {
      return StorageContracts.this.storage();
    }
  }

  @Nested
  class Journal extends ChangeJournalContract {
    @Override
    protected Storage storage() {
      return StorageContracts.this.storage();
    }

    @Override
    protected Announcements listen() {
      return StorageContracts.this.listen();
    }
  }

  @Nested
  class Epochs extends CacheEpochsContract {
    @Override
    protected Storage storage() {
      return StorageContracts.this.storage();
    }

    @Override
    protected Announcements listen() {
      return StorageContracts.this.listen();
    }
  }

  @Nested
  class TenantScopedTransactions extends TransactionsContract {
    @Override
    protected Storage storage() {
      return StorageContracts.this.storage();
    }
  }

  @Nested
  class Feed extends InvalidationFeedContract {
    @Override
    protected Storage storage() {
      return StorageContracts.this.storage();
    }

    @Override
    protected Started start(CacheInvalidation tiers) {
      return StorageContracts.this.startFeed(tiers);
    }
  }

  /** The storage's user contexts. */
  protected abstract UserContexts userContexts();

  /** The instant the clock of {@link #userContexts()} reads (standing still during the run). */
  protected abstract Instant userContextsNow();

  /** The storage's change log. */
  protected abstract ChangeLog changeLog();

  @Nested
  class Contexts extends UserContextsContract {
    @Override
    protected Storage storage() {
      return StorageContracts.this.storage();
    }

    @Override
    protected UserContexts userContexts() {
      return StorageContracts.this.userContexts();
    }

    @Override
    protected Instant now() {
      return userContextsNow();
    }
  }

  @Nested
  class Log extends ChangeLogContract {
    @Override
    protected Storage storage() {
      return StorageContracts.this.storage();
    }

    @Override
    protected Announcements listen() {
      return StorageContracts.this.listen();
    }

    @Override
    protected ChangeLog changeLog() {
      return StorageContracts.this.changeLog();
    }
  }
}
