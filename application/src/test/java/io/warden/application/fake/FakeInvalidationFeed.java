package io.warden.application.fake;

import io.warden.application.port.driven.CacheInvalidation;
import io.warden.application.port.driven.InvalidationFeed;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * An invalidation feed that a test connects and disconnects at will. One made by {@link #listening}
 * also pushes what an {@link InMemoryStore} announces with its commits to a subscriber, as the
 * {@code LISTEN} connection does; while disconnected it drops them, as a dead connection would.
 */
public final class FakeInvalidationFeed implements InvalidationFeed, AutoCloseable {
  private volatile boolean live = true;
  private final Runnable unsubscribe;

  /** A feed that only tells whether it is live. */
  public FakeInvalidationFeed() {
    this.unsubscribe = () -> {};
  }

  private FakeInvalidationFeed(InMemoryStore store, CacheInvalidation subscriber) {
    Objects.requireNonNull(subscriber, "subscriber");
    Consumer<InMemoryStore.Announcement> push =
        announcement -> {
          if (live) {
            subscriber.invalidate(announcement.scope(), announcement.version());
          }
        };
    store.subscribe(push);
    this.unsubscribe = () -> store.unsubscribe(push);
  }

  /**
   * A live feed pushing every announcement {@code store} commits from now on to {@code subscriber}.
   */
  public static FakeInvalidationFeed listening(InMemoryStore store, CacheInvalidation subscriber) {
    return new FakeInvalidationFeed(Objects.requireNonNull(store, "store"), subscriber);
  }

  @Override
  public boolean live() {
    return live;
  }

  public void setLive(boolean live) {
    this.live = live;
  }

  /** Stops listening: no longer live, and nothing more is pushed. */
  @Override
  public void close() {
    live = false;
    unsubscribe.run();
  }
}
