package io.warden.bootstrap;

import io.warden.application.port.driven.CacheInvalidation;
import io.warden.application.port.driven.PermissionSnapshot;
import io.warden.domain.event.InvalidationScope;
import java.util.List;
import java.util.function.Consumer;

/**
 * Invalidates every cache tier, the innermost (shared) tier first: were L1 evicted first, a
 * concurrent miss could refill it from a not-yet-evicted L2 entry.
 */
final class TieredInvalidation implements CacheInvalidation {
  private final List<? extends CacheInvalidation> innermostFirst;

  /** {@code innermostFirst}: the tiers in eviction order, L2 before L1. */
  TieredInvalidation(List<? extends CacheInvalidation> innermostFirst) {
    this.innermostFirst = List.copyOf(innermostFirst);
  }

  @Override
  public void invalidate(InvalidationScope scope, long version) {
    eachOf(innermostFirst, tier -> tier.invalidate(scope, version));
  }

  @Override
  public void invalidate(
      InvalidationScope.UserInTenant scope, long version, PermissionSnapshot now) {
    eachOf(innermostFirst, tier -> tier.invalidate(scope, version, now));
  }

  /**
   * Applies {@code action} to every tier in order, even after one fails (every tier must still hear
   * of the change); the first failure is thrown afterwards, with the others suppressed in it.
   */
  static <T> void eachOf(List<T> tiers, Consumer<? super T> action) {
    RuntimeException failure = null;
    for (T tier : tiers) {
      try {
        action.accept(tier);
      } catch (RuntimeException e) {
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }
}
