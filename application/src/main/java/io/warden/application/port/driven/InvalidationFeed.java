package io.warden.application.port.driven;

/**
 * Whether this instance currently receives the pushed invalidation messages of every change. While
 * it does not, in-process caches must not trust entries older than the staleness bound.
 */
public interface InvalidationFeed {

  /** True while the push channel is connected and every message since connecting was handled. */
  boolean live();

  /** A feed that is always live: a single instance without any other writer. */
  InvalidationFeed ALWAYS_LIVE = () -> true;
}
