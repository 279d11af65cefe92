package io.warden.application.port.driven.contract;

import io.warden.application.port.driven.SigningKeyRepository;
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
  class Roles extends RoleRepositoryContract {
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
  class SigningKeys extends SigningKeyRepositoryContract {
    @Override
    protected SigningKeyRepository withoutKeys() {
      return signingKeysWithoutKeys();
    }
  }

  @Nested
  class TenantScopedTransactions extends TransactionsContract {
    @Override
    protected Storage storage() {
      return StorageContracts.this.storage();
    }
  }
}
