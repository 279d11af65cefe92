package io.warden.archfixture.bad.driving_reaches_in.application.service;

/** A helper of the services, not a use case. */
public final class OrderTotals {
  public long sum(long a, long b) {
    return a + b;
  }
}
