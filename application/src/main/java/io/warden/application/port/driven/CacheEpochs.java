package io.warden.application.port.driven;

import java.util.function.LongConsumer;

/**
 * The shared-cache (L2) epoch, kept in the database. When an L2 eviction cannot reach the shared
 * cache, the writer advances the epoch: every instance then reads and writes under a new namespace,
 * so entries evicted while the cache was unreachable can never be served again. When the shared
 * cache lost its data (it no longer holds the epoch's sentinel), the instance that notices advances
 * it too: the markers the loss took with it can no longer guard the old namespace.
 */
public interface CacheEpochs {
  /** For {@link #advance(long, LongConsumer)}: advance whatever the current epoch is. */
  long ANY = -1;

  long current();

  /** Advances the epoch and announces it to every instance (an {@code Everything} invalidation). */
  default long advance() {
    return advance(ANY, epoch -> {});
  }

  /**
   * Advances the epoch from {@code from} (or from whatever it is, given {@link #ANY}) and announces
   * it like {@link #advance()}; if the epoch is no longer {@code from}, another instance already
   * advanced it, and this changes nothing. {@code prepare} is called with the new epoch after it
   * was taken (no one else can advance meanwhile) and before it commits, so no instance can use the
   * new epoch before {@code prepare} ran; a failure it throws undoes the advance.
   *
   * @return the epoch in force afterwards (the new one, or the one another instance advanced to)
   */
  long advance(long from, LongConsumer prepare);
}
