package io.warden.application.port.driven.contract;

import io.warden.domain.event.InvalidationScope;
import java.util.List;

/**
 * The messages a storage announces to every instance (PostgreSQL: {@code NOTIFY} on the
 * invalidation channel), as one listener that subscribed at {@code open} receives them. Absence is
 * never waited for: a contract proves that something was not announced by announcing a marker
 * afterwards and seeing the marker come first.
 */
public interface Announcements extends AutoCloseable {

  /** One message: the data version of the change and the cached answers it made stale. */
  record Announced(long version, InvalidationScope scope) {}

  /**
   * The next {@code count} messages in the order they were announced, waiting for them (a generous
   * bound, never what a test asserts); fails if fewer arrive.
   */
  List<Announced> next(int count);

  default Announced next() {
    return next(1).get(0);
  }

  @Override
  void close();
}
