package io.warden.archfixture.bad.service_shape.application.port.driving;

/** A use case. */
public interface CancelOrderUseCase {
  void cancel(long order);
}
