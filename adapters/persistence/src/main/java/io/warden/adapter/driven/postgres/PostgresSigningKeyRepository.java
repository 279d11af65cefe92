package io.warden.adapter.driven.postgres;

import io.warden.application.port.driven.SigningKeyRepository;
import java.util.List;

/**
 * Token signing keys in {@code signing_keys}, shared by every instance. Its caller is the token
 * codec, which runs outside the use cases' transactions: a call takes part in the thread's open
 * transaction if there is one and otherwise runs in one of its own.
 */
final class PostgresSigningKeyRepository extends MapperBacked<SigningKeyMapper>
    implements SigningKeyRepository {
  PostgresSigningKeyRepository(PostgresTransactions transactions) {
    super(transactions, SigningKeyMapper.class);
  }

  @Override
  public List<StoredSigningKey> activeKeys() {
    return transactions.acrossTenantsOrJoin(() -> List.copyOf(sql().activeKeys()));
  }

  /**
   * Under a transaction-scoped advisory lock, so two instances starting together cannot both
   * insert: the second waits, then sees the first one's key and keeps it.
   */
  @Override
  public List<StoredSigningKey> insertIfNoneActive(StoredSigningKey key) {
    return transactions.acrossTenantsOrJoin(
        () -> {
          SigningKeyMapper sql = sql();
          sql.lockKeyCreation();
          sql.insertIfNoneActive(key);
          return List.copyOf(sql.activeKeys());
        });
  }

  /** Under the same lock as the first key, so concurrent rotations insert one successor. */
  @Override
  public List<StoredSigningKey> insertIfNewestIs(String newestKeyId, StoredSigningKey key) {
    return transactions.acrossTenantsOrJoin(
        () -> {
          SigningKeyMapper sql = sql();
          sql.lockKeyCreation();
          sql.insertIfNewestIs(newestKeyId, key);
          return List.copyOf(sql.activeKeys());
        });
  }

  @Override
  public boolean replacePrivateKey(String keyId, String expected, String replacement) {
    return transactions.acrossTenantsOrJoin(
        () -> sql().replacePrivateKey(keyId, expected, replacement) == 1);
  }

  /**
   * Retires the key and announces it ({@code warden_retire_signing_key}): the data version advances
   * and an {@code everything} invalidation is notified when this transaction commits.
   */
  @Override
  public boolean retire(String keyId) {
    return transactions.acrossTenantsOrJoin(() -> sql().retire(keyId));
  }
}
