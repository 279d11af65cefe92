package io.warden.application.port.driven;

import io.warden.domain.event.InvalidationScope;

/**
 * Evicts cached answers for a scope. The writing instance calls it after its transaction commits
 * and before it answers (read-after-write); other instances call it when the change's message
 * arrives.
 */
public interface CacheInvalidation {

  /** {@code version} is the data version of the change (see {@link ChangeJournal}). */
  void invalidate(InvalidationScope scope, long version);

  /** Invalidation that does nothing: the uncached baseline. */
  CacheInvalidation NONE = (scope, version) -> {};
}
