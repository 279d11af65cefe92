package io.warden.archfixture.good.application.port.out;

import io.warden.archfixture.good.domain.Widget;

/** A driven port. */
public interface WidgetRepository {
  void save(Widget widget);
}
