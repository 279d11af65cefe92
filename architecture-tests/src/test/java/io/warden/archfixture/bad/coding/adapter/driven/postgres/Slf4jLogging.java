package io.warden.archfixture.bad.coding.adapter.driven.postgres;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Violation: logs through SLF4J, a second logging API beside System.Logger. */
public final class Slf4jLogging {
  private static final Logger LOG = LoggerFactory.getLogger(Slf4jLogging.class);

  public void handle() {
    LOG.info("handled");
  }
}
