package io.warden.archfixture.bad.service_shape.application.port.in;

/** A use case. */
public interface CancelOrderUseCase {
  void cancel(long order);
}
