package io.warden.archfixture.good.application.port.driven;

import io.warden.archfixture.good.domain.Widget;

/** A driven port. */
public interface WidgetRepository {
  void save(Widget widget);
}
