package io.warden.archfixture.bad.driven_type_in_use_case.application.port.driving;

import io.warden.archfixture.bad.driven_type_in_use_case.application.port.driven.OrderRow;

/** Violation: a use case answering in a driven port's type. */
public interface FindOrderUseCase {
  OrderRow find(long id);
}
