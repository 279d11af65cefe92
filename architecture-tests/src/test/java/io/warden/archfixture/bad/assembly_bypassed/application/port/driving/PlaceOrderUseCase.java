package io.warden.archfixture.bad.assembly_bypassed.application.port.driving;

/** A driving port. */
public interface PlaceOrderUseCase {
  long place(String item);
}
