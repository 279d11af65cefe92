package io.warden.application.metering;

import io.warden.application.port.driven.CacheInvalidation;
import io.warden.application.port.driven.Metrics;
import io.warden.application.port.driven.PermissionSnapshot;
import io.warden.domain.event.InvalidationScope;

/** Evicting a scope from every tier, measured. */
public final class MeteredInvalidation implements CacheInvalidation {
  private final Metrics metrics;
  private final CacheInvalidation next;

  public MeteredInvalidation(Metrics metrics, CacheInvalidation next) {
    this.metrics = metrics;
    this.next = next;
  }

  @Override
  public void invalidate(InvalidationScope scope, long version) {
    timed(() -> next.invalidate(scope, version));
  }

  @Override
  public void invalidate(
      InvalidationScope.UserInTenant scope, long version, PermissionSnapshot now) {
    timed(() -> next.invalidate(scope, version, now));
  }

  private void timed(Runnable invalidation) {
    long start = System.nanoTime();
    try {
      invalidation.run();
    } finally {
      metrics.operation(Metrics.Operation.INVALIDATION, System.nanoTime() - start);
    }
  }
}
