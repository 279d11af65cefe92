package io.warden.archfixture.good.application.port.driving;

import io.warden.archfixture.good.domain.Widget;

/** A driving port. */
public interface RenameWidgetUseCase {
  Widget rename(String name);

  /** A nested type of a use case is not a use case itself. */
  interface Listener {
    void renamed(Widget widget);
  }
}
