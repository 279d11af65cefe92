package io.warden.archfixture.good.application.service;

import io.warden.archfixture.good.application.port.driven.WidgetRepository;
import io.warden.archfixture.good.application.port.driving.RenameWidgetUseCase;
import io.warden.archfixture.good.domain.Widget;
import java.time.Clock;

/** The use case's one service. */
public final class RenameWidgetService implements RenameWidgetUseCase {
  private static final System.Logger LOG = System.getLogger(RenameWidgetService.class.getName());
  private final WidgetRepository widgets;
  private final Clock clock;

  RenameWidgetService(WidgetRepository widgets, Clock clock) {
    this.widgets = widgets;
    this.clock = clock;
  }

  @Override
  public Widget rename(String name) {
    Widget widget = new Widget(name, clock.instant());
    widgets.save(widget);
    LOG.log(System.Logger.Level.DEBUG, "renamed");
    return widget;
  }
}
