package io.warden.archfixture.bad.assembly_bypassed.bootstrap;

import io.warden.archfixture.bad.assembly_bypassed.application.port.driving.PlaceOrderUseCase;
import io.warden.archfixture.bad.assembly_bypassed.application.service.PlaceOrderService;

/** Violation: bootstrap building a service itself instead of asking the assembly. */
public final class OrderWiring {
  private OrderWiring() {}

  public static PlaceOrderUseCase wire() {
    return new PlaceOrderService();
  }
}
