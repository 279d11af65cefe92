package io.warden.application.port.driven;

import io.warden.domain.event.InvalidationScope;
import java.util.List;
import java.util.Optional;

/**
 * The committed changes by data version, kept beside the pushed messages: an instance that missed
 * messages (its push channel was down) reads exactly what it missed instead of forgetting
 * everything it cached.
 */
public interface ChangeLog {

  /** One committed change: its data version and the cached answers it made stale. */
  record Logged(long version, InvalidationScope scope) {}

  /**
   * Every change with {@code after < version <= upTo}, oldest first; empty when any of them is not
   * (or no longer) logged, so that a caller never mistakes a partial answer for a complete one.
   */
  Optional<List<Logged>> between(long after, long upTo);

  /** Forgets the changes of versions up to {@code version}; returns how many. */
  int forgetUpTo(long version);
}
