package io.warden.archfixture.bad.driving_reaches_in.adapter.driving.http;

import io.warden.archfixture.bad.driving_reaches_in.application.port.driven.OrderLedger;
import io.warden.archfixture.bad.driving_reaches_in.application.service.OrderTotals;

/** Violation: a driving adapter that reads a driven port and a service's helper directly. */
public final class OrderReport {
  private final OrderLedger ledger;

  public OrderReport(OrderLedger ledger) {
    this.ledger = ledger;
  }

  public long report() {
    return new OrderTotals().sum(ledger.total(), 1);
  }
}
