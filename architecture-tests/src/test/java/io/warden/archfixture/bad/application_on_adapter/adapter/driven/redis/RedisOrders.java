package io.warden.archfixture.bad.application_on_adapter.adapter.driven.redis;

/** A driven adapter. */
public final class RedisOrders {
  public boolean cached() {
    return false;
  }
}
