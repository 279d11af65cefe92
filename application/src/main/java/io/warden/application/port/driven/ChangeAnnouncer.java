package io.warden.application.port.driven;

import io.warden.domain.event.InvalidationScope;

/**
 * The second invalidation channel, as a writer sees it: every change is announced there besides
 * PostgreSQL's {@code NOTIFY}, in two steps around the commit.
 *
 * <ol>
 *   <li>{@link #intend} inside the transaction, once the change has its data version: raises the
 *       channel's version beacon, so that from before the commit on, an instance that has not
 *       applied this version can see that it is missing something;
 *   <li>{@link #announce} after the commit (and after the writer's own evictions): publishes the
 *       version with its scope, so that instances cut off from PostgreSQL can apply it.
 * </ol>
 *
 * Neither step may fail the change: an unreachable channel makes instances that rely on it stop
 * trusting it, which is safe (see {@link InvalidationWitness}). An adapter implements both ports
 * and keeps {@code SecondChannelContract} (the application's test-jar): what one instance announces
 * reaches the others with its version and scope, and no {@code intend} lowers what witnesses heard.
 */
public interface ChangeAnnouncer {

  /** Before the commit: the change of {@code version} is about to commit. Never throws. */
  void intend(long version);

  /** After the commit: the change of {@code version} made {@code scope} stale. Never throws. */
  void announce(long version, InvalidationScope scope);

  /** No second channel. */
  ChangeAnnouncer NONE =
      new ChangeAnnouncer() {
        @Override
        public void intend(long version) {}

        @Override
        public void announce(long version, InvalidationScope scope) {}
      };
}
