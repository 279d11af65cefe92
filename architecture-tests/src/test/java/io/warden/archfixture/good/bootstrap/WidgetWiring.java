package io.warden.archfixture.good.bootstrap;

import io.warden.archfixture.good.adapter.driven.postgres.PostgresWidgetRepository;
import io.warden.archfixture.good.adapter.driving.http.WidgetRoutes;
import io.warden.archfixture.good.application.service.Services;
import java.time.Clock;
import java.util.logging.LogManager;

/**
 * Wiring by hand: bootstrap sees every ring, asks the assembly for the use cases, and may configure
 * the logging backend.
 */
public final class WidgetWiring {
  private WidgetWiring() {}

  public static WidgetRoutes wire() {
    LogManager.getLogManager().reset();
    return new WidgetRoutes(Services.assemble(new PostgresWidgetRepository(), Clock.systemUTC()));
  }
}
