package io.warden.application.fake;

import io.warden.application.port.driven.CacheInvalidation;
import io.warden.domain.event.InvalidationScope;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Records every invalidation with whether it came inside a transaction and whether its change was
 * committed by then, then passes it on (to a cache under test, or nowhere).
 */
public final class RecordingCacheInvalidation implements CacheInvalidation {
  private final InMemoryStore store;
  private final List<Invalidation> invalidations = new CopyOnWriteArrayList<>();
  private volatile CacheInvalidation next = CacheInvalidation.NONE;
  private volatile RuntimeException failure;

  public RecordingCacheInvalidation(InMemoryStore store) {
    this.store = Objects.requireNonNull(store, "store");
  }

  /** One call: {@code committed} is true when the change of {@code version} was in the journal. */
  public record Invalidation(
      InvalidationScope scope, long version, boolean insideTransaction, boolean committed) {}

  @Override
  public void invalidate(InvalidationScope scope, long version) {
    boolean inside = store.inTransaction();
    boolean committed =
        !inside
            && store.locked(
                () -> store.committed().journal.stream().anyMatch(e -> e.version() == version));
    invalidations.add(new Invalidation(scope, version, inside, committed));
    RuntimeException toThrow = failure;
    if (toThrow != null) {
      throw toThrow;
    }
    next.invalidate(scope, version);
  }

  public List<Invalidation> invalidations() {
    return List.copyOf(invalidations);
  }

  public void clear() {
    invalidations.clear();
  }

  /** Passes every invalidation on to {@code cache} as well. */
  public void forwardTo(CacheInvalidation cache) {
    this.next = Objects.requireNonNull(cache, "cache");
  }

  /** Makes every following invalidation fail with {@code exception} (null: succeed again). */
  public void failWith(RuntimeException exception) {
    this.failure = exception;
  }
}
