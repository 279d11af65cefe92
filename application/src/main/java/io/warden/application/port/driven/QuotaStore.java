package io.warden.application.port.driven;

import java.time.Duration;

/**
 * Where the quota of the rate limits lives when several instances share it (Redis). Instances take
 * quota in slices and spend them locally, so a request costs no round trip to the store; what they
 * do not spend they give back. Every operation is atomic in the store, and every key it writes
 * expires.
 *
 * <p>Windows are fixed: a key's bucket holds {@code limit} permits, refilled all at once every
 * {@code window} from its first use. An adapter keeps {@code QuotaStoreContract} (the application's
 * test-jar) while it is reachable; how it fails while it is not is its own test.
 */
public interface QuotaStore {

  /**
   * Takes up to {@code wanted} permits of {@code key}'s bucket, as many as it holds.
   *
   * @throws Unavailable if the store cannot answer now (down, slow, breaker open)
   */
  Slice take(String key, long limit, Duration window, long wanted);

  /**
   * Gives back {@code permits} taken earlier and not spent (never above the bucket's limit).
   *
   * @throws Unavailable if the store cannot answer now
   */
  void giveBack(String key, long limit, Duration window, long permits);

  /**
   * Whether the store refuses calls for now (its circuit breaker is open, or half-open and trying
   * one call): the only state in which the limits fall back to counting locally. One slow or failed
   * call leaves it false: falling back then would let each instance admit its local share on top of
   * what the shared quota already gave.
   */
  boolean refusing();

  /** What the store is, for logs and {@code /health} (no secrets). */
  String describe();

  /**
   * What a take got.
   *
   * @param granted permits taken, 0 when the bucket is empty
   * @param remaining permits left in the bucket after the take
   * @param nanosToReset time until the bucket is refilled (the end of its window)
   */
  record Slice(long granted, long remaining, long nanosToReset) {}
}
