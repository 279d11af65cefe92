package io.warden.bootstrap;

import java.time.Clock;

/** Starts Warden from {@code application.yaml} and the environment, and stops it on shutdown. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    StartUpPhases phases = StartUpPhases.begin();
    WardenConfig config = WardenConfig.load();
    if (config.observability().jsonLogs()) {
      JsonLinesFormatter.install();
    }
    phases.done("configuration");
    Warden warden = Warden.start(config, Clock.systemUTC(), phases);
    Runtime.getRuntime().addShutdownHook(new Thread(warden::close, "warden-shutdown"));
  }
}
