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

  /**
   * The change of {@code version} made the one user's answers in one tenant stale, and {@code now}
   * is that user's permission set as the change's own transaction read it, after every change
   * before it in version order. A tier may keep {@code now} in place of the set it holds (only
   * through {@link PermissionSnapshot#narrowing}: an announced set never widens what a cache
   * serves), so that the first check after a revocation finds the new set instead of reloading it.
   * By default, and whatever a tier cannot keep, it is {@link #invalidate(InvalidationScope,
   * long)}.
   */
  default void invalidate(
      InvalidationScope.UserInTenant scope, long version, PermissionSnapshot now) {
    invalidate((InvalidationScope) scope, version);
  }

  /** Invalidation that does nothing: the uncached baseline. */
  CacheInvalidation NONE = (scope, version) -> {};
}
