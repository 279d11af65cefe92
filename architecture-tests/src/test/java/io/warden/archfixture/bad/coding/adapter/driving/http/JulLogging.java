package io.warden.archfixture.bad.coding.adapter.driving.http;

import java.util.logging.Logger;

/** Violation: logs through java.util.logging outside bootstrap. */
public final class JulLogging {
  private static final Logger LOG = Logger.getLogger(JulLogging.class.getName());

  public void handle() {
    LOG.info("handled");
  }
}
