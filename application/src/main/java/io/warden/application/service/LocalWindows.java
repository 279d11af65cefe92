package io.warden.application.service;

import io.warden.application.port.driving.RateLimitUseCase.Decision;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Fixed windows counted in this process, one per key: the whole limit when there is no shared
 * store, the limit divided by the live instances while the store is away.
 */
final class LocalWindows {
  private final ConcurrentHashMap<RateBucket, Window> windows = new ConcurrentHashMap<>();
  private final LongSupplier nanoTime;

  LocalWindows(LongSupplier nanoTime) {
    this.nanoTime = nanoTime;
  }

  /** Counts one request of {@code bucket} against {@code limit} in its current window. */
  Decision acquire(RateBucket bucket, long limit) {
    Window window = windows.computeIfAbsent(bucket, b -> new Window());
    long length = bucket.window().toNanos();
    synchronized (window) {
      long now = nanoTime.getAsLong();
      if (window.used == 0 || now - window.end >= 0) {
        window.end = now + length;
        window.used = 0;
      }
      if (window.used < limit) {
        window.used++;
        return RateDecisions.allowed(limit, limit - window.used, window.end - now);
      }
      return RateDecisions.refused(limit, window.end - now);
    }
  }

  /** Forgets every window (the counting changes between shared and local). */
  void clear() {
    windows.clear();
  }

  /** Forgets the windows that ended by {@code now}. */
  void sweep(long now) {
    windows.entrySet().removeIf(e -> now - e.getValue().end >= 0);
  }

  int size() {
    return windows.size();
  }

  /** Guarded by its own monitor. */
  private static final class Window {
    long end;
    long used;
  }
}
