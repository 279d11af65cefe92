package io.warden.adapter.driven.infinispan;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.infinispan.notifications.Listener;
import org.infinispan.notifications.cachelistener.annotation.CacheEntryCreated;
import org.infinispan.notifications.cachelistener.event.CacheEntryCreatedEvent;

/**
 * What the race tests of the L1 caches share: a fake next tier holding one call after it has read
 * its answer and before it returns it (the slow database round trip during which the data may
 * change), and waits that fail only on a deadlock, never on a slow machine.
 */
final class Races {
  /** Long enough to only ever fire on a deadlock, never on a slow machine. */
  static final long DEADLOCK_GUARD_SECONDS = 60;

  private Races() {}

  /** Where a fake keeps the hold its next call must honour. */
  static final class HoldSlot {
    private final AtomicReference<Hold> next = new AtomicReference<>();

    /** The next call reads its answer, then waits for {@link Hold#release()}. */
    Hold holdNextCall() {
      Hold hold = new Hold();
      if (!next.compareAndSet(null, hold)) {
        throw new IllegalStateException("a hold is already pending");
      }
      return hold;
    }

    /** Called by the fake between reading its answer and returning it. */
    void holdIfAsked() {
      Hold hold = next.getAndSet(null);
      if (hold != null) {
        hold.arrived.countDown();
        await(hold.released, "the test never released the held call");
      }
    }
  }

  /** One held call: the test waits for it to arrive, changes data, then releases it. */
  static final class Hold {
    private final CountDownLatch arrived = new CountDownLatch(1);
    private final CountDownLatch released = new CountDownLatch(1);

    /** Returns once the held call has read its (now old) answer and is waiting. */
    void awaitArrival() {
      await(arrived, "the held call never arrived");
    }

    void release() {
      released.countDown();
    }
  }

  /** Runs an action inside Infinispan's write, after the cache decided to keep the entry. */
  @Listener(sync = true)
  public static final class BeforeWrite {
    private final Runnable action;

    BeforeWrite(Runnable action) {
      this.action = action;
    }

    @CacheEntryCreated
    public void created(CacheEntryCreatedEvent<?, ?> event) {
      if (event.isPre()) {
        action.run();
      }
    }
  }

  static <T> T get(Future<T> future) throws Exception {
    return future.get(DEADLOCK_GUARD_SECONDS, TimeUnit.SECONDS);
  }

  /** Waits for another thread to reach a state; fails only if it never does (a deadlock). */
  static void awaitUntil(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(DEADLOCK_GUARD_SECONDS);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("never happened: " + what);
      }
      Thread.sleep(1);
    }
  }

  private static void await(CountDownLatch latch, String deadlock) {
    try {
      if (!latch.await(DEADLOCK_GUARD_SECONDS, TimeUnit.SECONDS)) {
        throw new AssertionError(deadlock);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }
}
