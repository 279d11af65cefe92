package io.warden.archfixture.bad.application_on_adapter.application.service;

import io.warden.archfixture.bad.application_on_adapter.adapter.driven.redis.RedisOrders;

/** Violation: the application ring uses an adapter instead of a port. */
public final class OrderLookup {
  public boolean cached() {
    return new RedisOrders().cached();
  }
}
