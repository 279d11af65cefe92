package io.warden.adapter.driven.postgres;

import io.warden.application.port.driven.CacheEpochs;
import io.warden.domain.event.InvalidationScope;
import java.util.function.Supplier;

/**
 * The shared-cache epoch in {@code rbac_clock}. Its callers are cache tiers, outside the use cases'
 * transactions: a call takes part in the thread's open transaction if there is one and otherwise
 * runs in one of its own. An advance is announced like a change, as an {@code everything} message
 * of type {@value #ADVANCED}, in the transaction that makes it.
 */
final class PostgresCacheEpochs implements CacheEpochs {
  /** The message type of an epoch advance. */
  static final String ADVANCED = InvalidationMessage.CACHE_EPOCH_ADVANCED;

  private final PostgresTransactions transactions;

  PostgresCacheEpochs(PostgresTransactions transactions) {
    this.transactions = transactions;
  }

  private <T> T inTransaction(Supplier<T> work) {
    return transactions.active() ? work.get() : transactions.acrossTenants(work);
  }

  @Override
  public long current() {
    return inTransaction(() -> transactions.mapper(JournalMapper.class).clock().cacheEpoch());
  }

  @Override
  public long advance() {
    return inTransaction(
        () -> {
          JournalMapper sql = transactions.mapper(JournalMapper.class);
          ClockRow clock = sql.advanceCacheEpoch();
          sql.notify(
              clock.version(),
              new InvalidationMessage(clock.version(), ADVANCED, new InvalidationScope.Everything())
                  .toJson());
          return clock.cacheEpoch();
        });
  }
}
