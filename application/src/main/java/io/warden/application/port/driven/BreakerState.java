package io.warden.application.port.driven;

/** The state of the shared cache tier's circuit breaker, for the performance statistics. */
@FunctionalInterface
public interface BreakerState {

  /** {@code closed}, {@code open}, {@code half_open}, or {@code disabled} without a shared tier. */
  String current();

  /** No shared tier: no breaker. */
  BreakerState DISABLED = () -> "disabled";
}
