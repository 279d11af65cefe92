package io.warden.archfixture.bad.service_shape.application.service;

import io.warden.archfixture.bad.service_shape.application.port.driving.CancelOrderUseCase;

/** Violation: a use-case service open for subclassing. */
public class CancelOrderService implements CancelOrderUseCase {
  @Override
  public void cancel(long order) {}
}
