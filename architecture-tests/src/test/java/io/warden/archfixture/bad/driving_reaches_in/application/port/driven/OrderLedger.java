package io.warden.archfixture.bad.driving_reaches_in.application.port.driven;

/** A driven port. */
public interface OrderLedger {
  long total();
}
