package io.warden.archfixture.bad.domain_outward.domain;

import io.warden.archfixture.bad.domain_outward.application.port.driven.OrderNumbers;

/** Violation: the domain reaches out to the application ring. */
public record Order(long number) {
  public static Order create(OrderNumbers numbers) {
    return new Order(numbers.next());
  }
}
