package io.warden.application.invalidation;

import java.util.TreeSet;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Which data versions this instance has applied (evicted for), from whichever channel: the
 * <em>watermark</em> is the highest version up to which every version is applied.
 *
 * <p>Committed versions are gap-free, so the watermark only advances over a contiguous run. The
 * maximum would not do: with the change of version 7 lost (its writer died before announcing it)
 * and version 8 applied, "applied up to 8" would vouch for a cache that still holds what 7 changed.
 * An eviction of everything at a version covers every version up to it.
 *
 * <p>A request that must reflect a version waits for the watermark to reach it ({@link
 * #awaitWatermark}). A lock rather than {@code synchronized}: a virtual thread waiting on a monitor
 * would pin its carrier for the whole wait.
 */
public final class AppliedVersions {
  /** Versions seen above the watermark are kept up to this many; beyond, the oldest go. */
  private static final int MAX_PENDING = 100_000;

  private final TreeSet<Long> above = new TreeSet<>();
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition advanced = lock.newCondition();
  private long watermark = -1;
  private volatile long published = -1;

  /**
   * The highest version up to which every version is applied; -1 until the first {@link #coverTo}.
   */
  public long watermark() {
    return published;
  }

  /** The change of {@code version} is applied here. */
  public void applied(long version) {
    lock.lock();
    try {
      if (watermark >= 0 && version <= watermark) {
        return;
      }
      above.add(version);
      if (above.size() > MAX_PENDING) {
        above.pollFirst();
      }
      advance();
    } finally {
      lock.unlock();
    }
  }

  /** Everything up to {@code version} is applied (a flush, or a reconciliation up to it). */
  public void coverTo(long version) {
    lock.lock();
    try {
      if (version > watermark) {
        watermark = version;
      }
      advance();
    } finally {
      lock.unlock();
    }
  }

  /** Whether the change of {@code version} was applied here already. */
  public boolean isApplied(long version) {
    lock.lock();
    try {
      return (watermark >= 0 && version <= watermark) || above.contains(version);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Whether the watermark reaches {@code version}, waiting for it at most {@code timeoutNanos}:
   * false when the time ran out first, or the thread was interrupted (its flag is set again). Asks
   * nothing of the lock when the watermark is there already.
   */
  public boolean awaitWatermark(long version, long timeoutNanos) {
    if (published >= version) {
      return true;
    }
    long left = timeoutNanos;
    lock.lock();
    try {
      while (watermark < version) {
        if (left <= 0) {
          return false;
        }
        left = advanced.awaitNanos(left);
      }
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } finally {
      lock.unlock();
    }
  }

  /** Under the lock. */
  private void advance() {
    if (watermark >= 0) {
      above.headSet(watermark, true).clear();
      while (!above.isEmpty() && above.first() == watermark + 1) {
        watermark = above.pollFirst();
      }
    }
    if (watermark > published) {
      published = watermark;
      if (lock.hasWaiters(advanced)) {
        advanced.signalAll();
      }
    }
  }
}
