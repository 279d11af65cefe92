package io.warden.adapter.driven.postgres;

import java.util.function.UnaryOperator;
import javax.sql.DataSource;

/**
 * Counts the SQL statements that reach JDBC through the data source it decorates, from the last
 * {@link #reset()}: the production {@link StatementCountingDataSource} with a baseline.
 */
final class StatementCounter implements UnaryOperator<DataSource> {
  private final StatementCountingDataSource counting = new StatementCountingDataSource();
  private volatile long baseline;

  int count() {
    return Math.toIntExact(counting.count() - baseline);
  }

  void reset() {
    baseline = counting.count();
  }

  @Override
  public DataSource apply(DataSource target) {
    return counting.wrap(target);
  }
}
