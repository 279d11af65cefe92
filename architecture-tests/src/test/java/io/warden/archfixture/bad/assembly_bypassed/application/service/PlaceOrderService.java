package io.warden.archfixture.bad.assembly_bypassed.application.service;

import io.warden.archfixture.bad.assembly_bypassed.application.port.driving.PlaceOrderUseCase;

/** Violation: a use-case service anyone may construct. */
public final class PlaceOrderService implements PlaceOrderUseCase {
  public PlaceOrderService() {}

  @Override
  public long place(String item) {
    return item.length();
  }
}
