package io.warden.adapter.driven.infinispan;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongFunction;

/**
 * At most one load per key at a time, each stamped with the invalidation sequence read before it
 * began. A caller joins the load in flight only if that load began after every invalidation the
 * caller has seen; otherwise it could be handed what the invalidation was meant to remove, so it
 * starts a load of its own (which takes the key's slot).
 *
 * @param <K> the key
 * @param <V> the loaded value
 */
final class SingleFlight<K, V> {
  private final ConcurrentHashMap<K, Flight<V>> inFlight = new ConcurrentHashMap<>();

  /**
   * The value of {@code key}: a load in flight that began at or after {@code last}, or else {@code
   * load} applied to {@code sequence}, the sequence this load is stamped with. {@code onJoin} runs
   * before a caller waits for another's load. A failed load fails every caller that joined it.
   */
  V load(K key, long last, long sequence, LongFunction<V> load, Runnable onJoin) {
    Flight<V> mine = new Flight<>(sequence);
    Flight<V> flight =
        inFlight.compute(
            key, (k, running) -> running != null && running.loadSequence >= last ? running : mine);
    if (flight != mine) {
      onJoin.run();
      return flight.await();
    }
    try {
      V value = load.apply(sequence);
      mine.result.complete(value);
      return value;
    } catch (RuntimeException | Error e) {
      mine.result.completeExceptionally(e);
      throw e;
    } finally {
      inFlight.remove(key, mine);
    }
  }

  /** A load of one key in progress, which later callers may wait for instead of loading again. */
  private static final class Flight<V> {
    final long loadSequence;
    final CompletableFuture<V> result = new CompletableFuture<>();

    Flight(long loadSequence) {
      this.loadSequence = loadSequence;
    }

    V await() {
      try {
        return result.join();
      } catch (CompletionException e) {
        if (e.getCause() instanceof RuntimeException cause) {
          throw cause;
        }
        if (e.getCause() instanceof Error cause) {
          throw cause;
        }
        throw e;
      }
    }
  }
}
