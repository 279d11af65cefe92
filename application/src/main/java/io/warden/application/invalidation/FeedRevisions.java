package io.warden.application.invalidation;

import io.warden.application.port.driven.Revisions;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Revisions as this instance's invalidation channels apply them: a revision is applied once the
 * {@link AppliedVersions#watermark() watermark} reaches it, i.e. every change up to it was evicted
 * here, whichever channel brought it.
 */
public final class FeedRevisions implements Revisions {
  private final AppliedVersions applied;
  private final LongSupplier committed;
  private final long maxWaitNanos;

  /**
   * @param committed reads the newest committed revision from the source of truth
   * @param maxWait how long a request waits for the feed before it reads the source instead
   */
  public FeedRevisions(AppliedVersions applied, LongSupplier committed, Duration maxWait) {
    this.applied = applied;
    this.committed = committed;
    if (maxWait.isNegative()) {
      throw new IllegalArgumentException("maxWait must not be negative: " + maxWait);
    }
    this.maxWaitNanos = maxWait.toNanos();
  }

  @Override
  public boolean awaitApplied(long revision) {
    return applied.awaitWatermark(revision, maxWaitNanos);
  }

  @Override
  public long committed() {
    return committed.getAsLong();
  }
}
