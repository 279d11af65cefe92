package io.warden.archfixture.bad.adapter_to_adapter.adapter.driven.postgres;

/** A driven adapter. */
public final class PostgresOrders {
  public int count() {
    return 0;
  }
}
