package io.warden.archfixture.bad.adapter_to_adapter.adapter.in.http;

import io.warden.archfixture.bad.adapter_to_adapter.adapter.out.postgres.PostgresOrders;

/** Violation: the HTTP adapter calls the database adapter directly, past the ports. */
public final class OrderRoutes {
  public int count() {
    return new PostgresOrders().count();
  }
}
