package io.warden.archfixture.bad.adapter_to_adapter.adapter.out.postgres;

/** A driven adapter. */
public final class PostgresOrders {
  public int count() {
    return 0;
  }
}
