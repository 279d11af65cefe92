package io.warden.adapter.driven.postgres;

/**
 * A driven port written over one MyBatis mapper, which it uses in whatever transaction this thread
 * holds (the part MyBatis-Spring's {@code SqlSessionDaoSupport} plays): the repositories' shared
 * preamble.
 *
 * @param <M> the mapper interface
 */
abstract class MapperBacked<M> {
  /** Where the port takes its transaction, tenant and mapper from. */
  final PostgresTransactions transactions;

  private final Class<M> mapper;

  MapperBacked(PostgresTransactions transactions, Class<M> mapper) {
    this.transactions = transactions;
    this.mapper = mapper;
  }

  /** The mapper, bound to this thread's transaction. */
  final M sql() {
    return transactions.mapper(mapper);
  }
}
