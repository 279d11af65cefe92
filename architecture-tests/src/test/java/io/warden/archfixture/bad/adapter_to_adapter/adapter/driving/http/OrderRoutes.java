package io.warden.archfixture.bad.adapter_to_adapter.adapter.driving.http;

import io.warden.archfixture.bad.adapter_to_adapter.adapter.driven.postgres.PostgresOrders;

/** Violation: the HTTP adapter calls the database adapter directly, past the ports. */
public final class OrderRoutes {
  public int count() {
    return new PostgresOrders().count();
  }
}
