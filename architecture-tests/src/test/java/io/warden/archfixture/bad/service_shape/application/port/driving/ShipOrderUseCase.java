package io.warden.archfixture.bad.service_shape.application.port.driving;

/** A use case. */
public interface ShipOrderUseCase {
  void ship(long order);
}
