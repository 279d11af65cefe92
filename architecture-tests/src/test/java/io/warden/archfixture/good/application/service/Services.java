package io.warden.archfixture.good.application.service;

import io.warden.archfixture.good.application.port.driven.WidgetRepository;
import io.warden.archfixture.good.application.port.driving.RenameWidgetUseCase;
import java.time.Clock;

/** The assembly: the one place that constructs the services. */
public final class Services {
  private Services() {}

  public static RenameWidgetUseCase assemble(WidgetRepository widgets, Clock clock) {
    return new RenameWidgetService(widgets, clock);
  }
}
