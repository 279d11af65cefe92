package io.warden.application.port.driven;

/**
 * How fresh this instance's cached answers are, in revisions (the data versions the {@link
 * ChangeJournal} stamps): what a request that asks for answers reflecting every change up to a
 * revision ({@code Warden-Min-Revision}) waits on before it trusts the caches.
 */
public interface Revisions {

  /**
   * A world without caches: every answer is read from the source, so every revision counts as
   * applied and nothing is ever waited for.
   */
  Revisions UNCACHED =
      new Revisions() {
        @Override
        public boolean awaitApplied(long revision) {
          return true;
        }

        @Override
        public long committed() {
          throw new IllegalStateException(
              "an uncached world never asks for the committed revision");
        }
      };

  /**
   * Whether this instance has applied (evicted for) every change up to {@code revision}, waiting
   * for its invalidation feed at most as long as the implementation is configured to; false when
   * the wait ran out (or the waiting thread was interrupted).
   */
  boolean awaitApplied(long revision);

  /**
   * The newest committed revision, read from the source of truth.
   *
   * @throws Unavailable when the source cannot be reached
   */
  long committed();
}
