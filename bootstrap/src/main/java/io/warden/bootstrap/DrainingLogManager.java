package io.warden.bootstrap;

import java.util.logging.LogManager;

/**
 * {@code java.util.logging}'s manager, except that the JVM's shutdown does not silence it. The JDK
 * resets logging from a shutdown hook of its own ({@code LogManager$Cleaner}), which runs beside
 * {@link GracefulShutdown}'s and would close every handler while the instance is still draining:
 * what it logs then (requests refused, quota given back, connections closed) would be lost. Every
 * record is flushed as it is written, so nothing is lost by leaving the handlers open until the
 * process exits. {@link Main} installs it ({@code java.util.logging.manager}) unless one is set.
 */
public final class DrainingLogManager extends LogManager {
  private static final String JDK_CLEANER = LogManager.class.getName() + "$Cleaner";

  @Override
  public void reset() {
    if (Thread.currentThread().getClass().getName().equals(JDK_CLEANER)) {
      return;
    }
    super.reset();
  }
}
