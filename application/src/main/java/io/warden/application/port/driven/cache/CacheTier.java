package io.warden.application.port.driven.cache;

import io.warden.application.port.driven.CacheInvalidation;
import io.warden.application.port.driven.HealthProbe;
import io.warden.domain.event.InvalidationScope;
import java.util.List;

/**
 * One cache tier, built in front of the next: it decorates some of the {@link CacheablePorts}, is
 * told of every invalidation, counts what it serves and is closed with the instance.
 *
 * <p>What every tier must guarantee (the cache tiers' contract test checks it): it never serves an
 * answer that an invalidation it has been told of could have made stale, including one whose load
 * began before the invalidation and finished after it; it never stores a snapshot that is not
 * {@link io.warden.application.port.driven.PermissionSnapshot#cacheable() cacheable}; a failure of
 * its own store only costs speed (the answer then comes from the next tier).
 *
 * <p>Bootstrap composes the tiers as a list, outermost first, over the source of truth; it calls
 * {@link #invalidate} innermost first, so that an outer tier's miss can never refill itself from an
 * inner entry not yet evicted.
 */
public interface CacheTier extends CacheInvalidation, AutoCloseable {

  /** A short name for logs and statistics: {@code l1}, {@code l2}. */
  String name();

  /**
   * The ports as this tier answers them: its decorators over the next tier's, the rest unchanged.
   */
  CacheablePorts ports();

  /** One entry per cache the tier holds. */
  List<TierStats> stats();

  /**
   * The invalidation feed was down and is back: messages may have been missed, so nothing cached
   * before must be served unless the tier can prove otherwise. By default, forget everything.
   */
  default void resynchronize(long version) {
    invalidate(new InvalidationScope.Everything(), version);
  }

  /** What {@code /health} should check of the tier's own dependencies (none by default). */
  default List<HealthProbe> healthProbes() {
    return List.of();
  }

  /** Stops the tier's resources; its decorators then answer from the next tier. */
  @Override
  void close();

  /** Builds a tier in front of the next one's ports. */
  @FunctionalInterface
  interface Builder {
    CacheTier over(CacheablePorts next);
  }
}
