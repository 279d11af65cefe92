package io.warden.adapter.driven.postgres;

import io.warden.application.port.driven.CacheEpochs;
import io.warden.application.port.driven.Unavailable;
import io.warden.domain.event.InvalidationScope;
import java.util.function.LongConsumer;

/**
 * The shared-cache epoch in {@code rbac_clock}. Its callers are cache tiers, outside the use cases'
 * transactions: a call takes part in the thread's open transaction if there is one and otherwise
 * runs in one of its own. An advance is announced like a change, as an {@code everything} message
 * of type {@value #ADVANCED}, in the transaction that makes it. An advance from a given epoch locks
 * the clock row and changes nothing if another instance moved the epoch first.
 */
final class PostgresCacheEpochs extends MapperBacked<JournalMapper> implements CacheEpochs {
  /** The message type of an epoch advance. */
  static final String ADVANCED = InvalidationMessage.CACHE_EPOCH_ADVANCED;

  PostgresCacheEpochs(PostgresTransactions transactions) {
    super(transactions, JournalMapper.class);
  }

  @Override
  public long current() {
    return transactions.acrossTenantsOrJoin(() -> sql().clock().cacheEpoch());
  }

  /**
   * {@inheritDoc}
   *
   * <p>Inside a read-only transaction of the thread (a cache tier asked while a use case reads) it
   * refuses at once, before any statement: the update would fail and abort the caller's transaction
   * with it.
   *
   * @throws Unavailable inside a read-only transaction
   */
  @Override
  public long advance(long from, LongConsumer prepare) {
    if (transactions.activeReadOnly()) {
      throw new Unavailable("the L2 epoch cannot be advanced inside a read-only transaction");
    }
    return transactions.acrossTenantsOrJoin(
        () -> {
          JournalMapper sql = sql();
          // The row stays locked until the commit: no one else advances while prepare runs.
          ClockRow clock = sql.advanceCacheEpoch(from);
          if (clock == null) {
            return sql.clock().cacheEpoch();
          }
          prepare.accept(clock.cacheEpoch());
          String message =
              new InvalidationMessage(clock.version(), ADVANCED, new InvalidationScope.Everything())
                  .toJson();
          sql.notify(clock.version(), message, message);
          return clock.cacheEpoch();
        });
  }
}
