package io.warden.application.service;

import io.warden.application.port.driven.TokenCodec.AccessClaims;
import io.warden.application.port.driving.PermissionEventsUseCase.Event;
import io.warden.application.port.driving.PermissionEventsUseCase.EventStream;
import io.warden.domain.model.tenant.TenantId;
import io.warden.domain.model.user.UserId;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * One open event stream: a mailbox of flags that the invalidation feed and the heartbeat set (never
 * blocking: the feed's thread must not wait for a slow client), and that the stream's one reader
 * takes in {@link #next}, where the re-checks run. A lock and a condition rather than {@code
 * synchronized}: the reader is a virtual thread, which must not pin its carrier while it waits.
 */
final class LiveStream implements EventStream {
  /** What a re-check found; read on the reader's thread only. */
  interface Checker {
    /** The event the re-check calls for, empty when nothing the client sees changed. */
    Optional<Event> recheck(LiveStream stream, long revision);
  }

  private final long serial;
  private final AccessClaims claims;
  private final TenantId tenantId;
  private final Checker checker;
  private final Runnable release;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition wake = lock.newCondition();
  private boolean recheck;
  private boolean heartbeat;
  private boolean closed;
  private boolean ended;
  private long revision = -1;
  // The reader's own state (set once before the stream is handed out, then only by the reader).
  private @Nullable Object baseline;
  private volatile Optional<Instant> validUntil = Optional.empty();

  LiveStream(
      long serial, AccessClaims claims, TenantId tenantId, Checker checker, Runnable release) {
    this.serial = serial;
    this.claims = claims;
    this.tenantId = tenantId;
    this.checker = checker;
    this.release = release;
  }

  /** The heartbeat turn of this stream among {@code turns} (see {@code heartbeat(turn, turns)}). */
  int turn(int turns) {
    return (int) Long.remainderUnsigned(serial, turns);
  }

  AccessClaims claims() {
    return claims;
  }

  UserId userId() {
    return claims.subject();
  }

  @Override
  public TenantId tenantId() {
    return tenantId;
  }

  @Nullable Object baseline() {
    return baseline;
  }

  void baseline(Object fingerprint, Optional<Instant> until) {
    this.baseline = fingerprint;
    this.validUntil = until;
  }

  /** A change of data version {@code version} may have touched this stream's caller. */
  void poke(long version) {
    lock.lock();
    try {
      recheck = true;
      revision = Math.max(revision, version);
      wake.signal();
    } finally {
      lock.unlock();
    }
  }

  /**
   * The heartbeat: one is due, and a re-check too when the token expired or a timed assignment ran
   * out at {@code now} (neither sends any message of the feed).
   */
  void beat(Instant now) {
    boolean due =
        !now.isBefore(claims.expiresAt()) || validUntil.map(u -> !now.isBefore(u)).orElse(false);
    lock.lock();
    try {
      heartbeat = true;
      recheck |= due;
      wake.signal();
    } finally {
      lock.unlock();
    }
  }

  /** Asks for a re-check at the next heartbeat (the last one could not read the database). */
  void retryLater() {
    validUntil = Optional.of(Instant.MIN);
  }

  @Override
  public Event next() throws InterruptedException {
    while (true) {
      boolean check;
      boolean beat;
      long seen;
      lock.lock();
      try {
        while (!recheck && !heartbeat && !closed && !ended) {
          wake.await();
        }
        if (ended) {
          return new Event.Ended();
        }
        if (closed) {
          return new Event.SessionEnded();
        }
        check = recheck;
        beat = heartbeat;
        seen = revision;
        recheck = false;
        heartbeat = false;
      } finally {
        lock.unlock();
      }
      if (check) {
        Optional<Event> event = checker.recheck(this, seen);
        if (event.isPresent()) {
          if (event.get() instanceof Event.SessionEnded) {
            close();
          }
          if (beat) {
            heartbeatAgain();
          }
          return event.get();
        }
      }
      if (beat) {
        return new Event.Heartbeat();
      }
    }
  }

  private void heartbeatAgain() {
    lock.lock();
    try {
      heartbeat = true;
    } finally {
      lock.unlock();
    }
  }

  /** The instance is stopping: the reader's next {@link #next} answers {@link Event.Ended}. */
  void end() {
    lock.lock();
    try {
      ended = true;
      wake.signal();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void close() {
    lock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      wake.signal();
    } finally {
      lock.unlock();
    }
    release.run();
  }
}
