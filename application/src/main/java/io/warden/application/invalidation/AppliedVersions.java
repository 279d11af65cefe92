package io.warden.application.invalidation;

import java.util.TreeSet;

/**
 * Which data versions this instance has applied (evicted for), from whichever channel: the
 * <em>watermark</em> is the highest version up to which every version is applied.
 *
 * <p>Committed versions are gap-free, so the watermark only advances over a contiguous run. The
 * maximum would not do: with the change of version 7 lost (its writer died before announcing it)
 * and version 8 applied, "applied up to 8" would vouch for a cache that still holds what 7 changed.
 * An eviction of everything at a version covers every version up to it.
 */
public final class AppliedVersions {
  /** Versions seen above the watermark are kept up to this many; beyond, the oldest go. */
  private static final int MAX_PENDING = 100_000;

  private final TreeSet<Long> above = new TreeSet<>();
  private long watermark = -1;
  private volatile long published = -1;

  /**
   * The highest version up to which every version is applied; -1 until the first {@link #coverTo}.
   */
  public long watermark() {
    return published;
  }

  /** The change of {@code version} is applied here. */
  public synchronized void applied(long version) {
    if (watermark >= 0 && version <= watermark) {
      return;
    }
    above.add(version);
    if (above.size() > MAX_PENDING) {
      above.pollFirst();
    }
    advance();
  }

  /** Everything up to {@code version} is applied (a flush, or a reconciliation up to it). */
  public synchronized void coverTo(long version) {
    if (version > watermark) {
      watermark = version;
    }
    advance();
  }

  /** Whether the change of {@code version} was applied here already. */
  public synchronized boolean isApplied(long version) {
    return (watermark >= 0 && version <= watermark) || above.contains(version);
  }

  private void advance() {
    if (watermark >= 0) {
      above.headSet(watermark, true).clear();
      while (!above.isEmpty() && above.first() == watermark + 1) {
        watermark = above.pollFirst();
      }
    }
    published = watermark;
  }
}
