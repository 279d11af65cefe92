package io.warden.archfixture.good.adapter.driven.postgres;

import io.warden.archfixture.good.application.port.driven.WidgetRepository;
import io.warden.archfixture.good.domain.Widget;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;

/** A driven adapter: JDBC types are fine here. */
public final class PostgresWidgetRepository implements WidgetRepository {
  private final List<Timestamp> saved = new ArrayList<>();

  @Override
  public void save(Widget widget) {
    saved.add(Timestamp.from(widget.renamedAt()));
  }
}
