package io.warden.application.port.driven;

import io.warden.domain.event.InvalidationScope;
import java.util.List;
import java.util.Optional;

/**
 * The committed changes by data version, kept beside the pushed messages: an instance that missed
 * messages (its push channel was down) reads exactly what it missed instead of forgetting
 * everything it cached. It logs exactly what the storage announces (journaled changes, cache-epoch
 * advances) under the same versions; a rolled-back change is not logged and leaves no hole. An
 * adapter keeps {@code ChangeLogContract} (the application's test-jar).
 */
public interface ChangeLog {

  /** One committed change: its data version and the cached answers it made stale. */
  record Logged(long version, InvalidationScope scope) {}

  /**
   * Every change with {@code after < version <= upTo}, oldest first; empty when any of them is not
   * (or no longer) logged, so that a caller never mistakes a partial answer for a complete one: a
   * range reaching past the last committed version, or below what was forgotten, is empty. {@code
   * between(v, v)} is a present, empty list.
   *
   * @throws IllegalArgumentException if {@code upTo < after}
   */
  Optional<List<Logged>> between(long after, long upTo);

  /**
   * Forgets the changes of versions up to {@code version}; returns how many (0 the second time).
   */
  int forgetUpTo(long version);
}
