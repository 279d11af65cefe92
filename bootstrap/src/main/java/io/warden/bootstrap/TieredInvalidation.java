package io.warden.bootstrap;

import io.warden.application.port.driven.CacheInvalidation;
import io.warden.domain.event.InvalidationScope;
import java.util.List;

/**
 * Invalidates every cache tier, the shared tier first: were L1 evicted first, a concurrent miss
 * could refill it from a not-yet-evicted L2 entry.
 */
final class TieredInvalidation implements CacheInvalidation {
  private final List<CacheInvalidation> outermostLast;

  /** {@code sharedFirst}: the tiers in eviction order, L2 before L1. */
  TieredInvalidation(List<CacheInvalidation> sharedFirst) {
    this.outermostLast = List.copyOf(sharedFirst);
  }

  @Override
  public void invalidate(InvalidationScope scope, long version) {
    RuntimeException failure = null;
    for (CacheInvalidation tier : outermostLast) {
      try {
        tier.invalidate(scope, version);
      } catch (RuntimeException e) {
        // Every tier must still hear of the change; the first failure is reported afterwards.
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
