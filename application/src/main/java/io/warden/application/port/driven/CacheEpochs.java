package io.warden.application.port.driven;

/**
 * The shared-cache (L2) epoch, kept in the database. When an L2 eviction cannot reach the shared
 * cache, the writer advances the epoch: every instance then reads and writes under a new namespace,
 * so entries evicted while the cache was unreachable can never be served again.
 */
public interface CacheEpochs {

  long current();

  /** Advances the epoch and announces it to every instance (an {@code Everything} invalidation). */
  long advance();
}
