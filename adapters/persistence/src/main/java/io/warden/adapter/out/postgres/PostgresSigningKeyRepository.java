package io.warden.adapter.out.postgres;

import io.warden.application.port.out.SigningKeyRepository;
import java.util.List;

/** Token signing keys in {@code signing_keys}, shared by every instance. */
final class PostgresSigningKeyRepository implements SigningKeyRepository {
  private final PostgresTransactions transactions;

  PostgresSigningKeyRepository(PostgresTransactions transactions) {
    this.transactions = transactions;
  }

  private SigningKeyMapper sql() {
    return transactions.mapper(SigningKeyMapper.class);
  }

  @Override
  public List<StoredSigningKey> activeKeys() {
    return sql().activeKeys().stream().map(SigningKeyRow::toKey).toList();
  }

  /**
   * Under a transaction-scoped advisory lock, so two instances starting together cannot both
   * insert: the second waits, then sees the first one's key and keeps it.
   */
  @Override
  public List<StoredSigningKey> insertIfNoneActive(StoredSigningKey key) {
    SigningKeyMapper sql = sql();
    sql.lockKeyCreation();
    sql.insertIfNoneActive(SigningKeyRow.of(key));
    return activeKeys();
  }
}
