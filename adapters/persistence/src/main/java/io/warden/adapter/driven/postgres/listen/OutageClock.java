package io.warden.adapter.driven.postgres.listen;

import java.time.Duration;

/**
 * When the {@code LISTEN} feed stopped being live, for {@code /health}'s "down for N ms".
 *
 * <p>The feed is live while connected and a heartbeat confirmed the connection within the staleness
 * bound. It therefore stops being live at the <em>earlier</em> of two moments: the connection
 * dropping, or the last confirmation ageing past the bound (a connection that hangs, for example
 * while PostgreSQL stops, stays "connected" for seconds without confirming anything). Measuring
 * only from the last drop reported the time since start-up, or since an older outage, during such a
 * hang: "down for 37363 ms" after a 3-second outage.
 *
 * <p>All instants are {@link System#nanoTime()} readings; not thread-safe on its own (the listener
 * writes from its one thread, readers see the volatile fields).
 */
final class OutageClock {
  private final long boundNanos;
  private volatile long startedAt;
  private volatile boolean everConfirmed;
  private volatile long confirmedAt;
  private volatile boolean connected;
  private volatile long disconnectedAt;

  OutageClock(Duration stalenessBound, long startedAt) {
    this.boundNanos = stalenessBound.toNanos();
    this.startedAt = startedAt;
  }

  /** A heartbeat sent at {@code sentAt} was answered: everything before it was delivered. */
  void confirmed(long sentAt) {
    confirmedAt = sentAt;
    everConfirmed = true;
  }

  void connected() {
    connected = true;
  }

  void disconnected(long at) {
    if (connected) {
      disconnectedAt = at;
    }
    connected = false;
  }

  boolean live(long now) {
    return connected && everConfirmed && now - confirmedAt <= boundNanos;
  }

  /** The {@code System.nanoTime()} at which the feed last stopped being live. */
  long notLiveSince() {
    if (!everConfirmed) {
      return startedAt;
    }
    long confirmationExpired = confirmedAt + boundNanos;
    return connected ? confirmationExpired : Math.min(confirmationExpired, disconnectedAt);
  }

  /** How long the feed has not been live at {@code now}; 0 while it is. */
  Duration notLiveFor(long now) {
    return live(now) ? Duration.ZERO : Duration.ofNanos(Math.max(0, now - notLiveSince()));
  }

  /** The confirmation the feed's liveness currently rests on, or {@code Long.MIN_VALUE}. */
  long confirmedAt() {
    return everConfirmed ? confirmedAt : Long.MIN_VALUE;
  }
}
