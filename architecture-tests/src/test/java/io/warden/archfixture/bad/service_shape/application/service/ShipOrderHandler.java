package io.warden.archfixture.bad.service_shape.application.service;

import io.warden.archfixture.bad.service_shape.application.port.driving.ShipOrderUseCase;

/** Violation: serves a use case but is not named ...Service. */
public final class ShipOrderHandler implements ShipOrderUseCase {
  @Override
  public void ship(long order) {}
}
