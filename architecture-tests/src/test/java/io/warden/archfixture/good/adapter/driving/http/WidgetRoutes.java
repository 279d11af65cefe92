package io.warden.archfixture.good.adapter.driving.http;

import io.warden.archfixture.good.application.port.driving.RenameWidgetUseCase;

/** A driving adapter. */
public final class WidgetRoutes {
  private final RenameWidgetUseCase renameWidget;

  public WidgetRoutes(RenameWidgetUseCase renameWidget) {
    this.renameWidget = renameWidget;
  }

  public String handle(String name) {
    return renameWidget.rename(name).name();
  }
}
