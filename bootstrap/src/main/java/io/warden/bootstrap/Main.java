package io.warden.bootstrap;

import java.time.Clock;

/**
 * Starts Warden from {@code application.yaml} and the environment, and stops it gracefully on
 * {@code SIGTERM} ({@link GracefulShutdown}).
 */
public final class Main {
  static {
    // Before anything logs: the JDK's own shutdown hook must not silence a draining instance.
    if (System.getProperty("java.util.logging.manager") == null) {
      System.setProperty("java.util.logging.manager", DrainingLogManager.class.getName());
    }
  }

  private Main() {}

  public static void main(String[] args) {
    StartUpPhases phases = StartUpPhases.begin();
    WardenConfig config = WardenConfig.load();
    if (config.observability().jsonLogs()) {
      JsonLinesFormatter.install();
    } else {
      RequestIdTextFormatter.install();
    }
    phases.done("configuration");
    Warden warden = Warden.start(config, Clock.systemUTC(), phases);
    GracefulShutdown.onSignal(warden, config.shutdownGrace());
  }
}
