package io.warden.application.port.driven;

/**
 * The second invalidation channel, as a reader sees it: a witness of the highest data version any
 * writer has begun to commit (the beacon every writer raises before its commit, see {@link
 * ChangeAnnouncer#intend}). A witness that has heard nothing yet, or not within its staleness
 * bound, vouches for nothing. Adapters implement it with {@link ChangeAnnouncer} and keep {@code
 * SecondChannelContract} (the application's test-jar).
 */
public interface InvalidationWitness {

  /**
   * True when the witness answered within the staleness bound that no writer has begun a change of
   * a version above {@code appliedUpTo}: every version up to {@code appliedUpTo} is applied here,
   * so nothing cached here can be stale by a change begun before that answer.
   */
  boolean vouchesUpTo(long appliedUpTo);

  /** What the witness last saw, for {@code /health} details (no secrets, no host names). */
  String describe();

  /** No witness: never vouches. */
  InvalidationWitness NONE =
      new InvalidationWitness() {
        @Override
        public boolean vouchesUpTo(long appliedUpTo) {
          return false;
        }

        @Override
        public String describe() {
          return "no second channel";
        }
      };
}
