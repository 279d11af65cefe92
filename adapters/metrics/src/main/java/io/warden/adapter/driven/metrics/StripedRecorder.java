package io.warden.adapter.driven.metrics;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import org.HdrHistogram.Histogram;
import org.jspecify.annotations.Nullable;

/**
 * Where the hot path records one series: a few stripes, each a plain HdrHistogram and two counters
 * behind a one-word try-lock, picked by the recording thread's id. A writer takes a free stripe
 * with one uncontended compare-and-set and moves on to the next when another thread holds it, so it
 * never waits for a reader or for another writer; two threads on two cores record into different
 * stripes instead of bouncing one shared cache line (what a single HdrHistogram {@code Recorder}
 * did, with five atomic updates of shared words per value). A reader drains the stripes one by one,
 * swapping each stripe's histogram for an empty one.
 *
 * <p>A call may be <em>counted</em> without being timed (when reading the clock twice would cost
 * more than the call itself): the stripe keeps how many such calls it saw, and the next timed call
 * on it stands for them, recorded with their number as its count. The histogram's count then
 * catches up with the calls at every timed one; {@link Drained#untimed()} is what it still lacks.
 */
final class StripedRecorder {
  private static final int STRIPES =
      Math.min(
          32, Integer.highestOneBit(Math.max(1, Runtime.getRuntime().availableProcessors())) * 4);

  private final Stripe[] stripes = new Stripe[STRIPES];
  private final int digits;

  /** A stripe's histograms are made on its first value: most series never see many threads. */
  StripedRecorder(int digits) {
    this.digits = digits;
    for (int i = 0; i < STRIPES; i++) {
      stripes[i] = new Stripe();
    }
  }

  /**
   * One call of {@code keys} keys took {@code nanos}; negative values (a clock step) count as 0.
   */
  void record(long keys, long nanos) {
    Stripe stripe = acquire();
    try {
      stripe.keys += keys;
      if (stripe.active == null) {
        stripe.active = new Histogram(digits);
      }
      stripe.active.recordValueWithCount(Math.max(0, nanos), stripe.untimed + 1);
      stripe.untimed = 0;
    } finally {
      stripe.release();
    }
  }

  /** One call of {@code keys} keys, not timed: the next timed call of its stripe stands for it. */
  void count(long keys) {
    Stripe stripe = acquire();
    stripe.keys += keys;
    stripe.untimed++;
    stripe.release();
  }

  /**
   * Adds what was recorded since the previous drain to {@code into} and returns the counters. Not
   * thread-safe: one reader at a time (the caller's lock).
   */
  Drained drainInto(Histogram into) {
    long keys = 0;
    long untimed = 0;
    for (Stripe stripe : stripes) {
      while (!stripe.tryAcquire()) {
        Thread.onSpinWait(); // a writer holds it for a few nanoseconds
      }
      Histogram full = stripe.active;
      stripe.active = stripe.spare;
      keys += stripe.keys;
      untimed += stripe.untimed;
      stripe.release();
      if (full != null && full.getTotalCount() > 0) {
        into.add(full);
        full.reset();
      }
      stripe.spare = full;
    }
    return new Drained(keys, untimed);
  }

  /**
   * @param keys all keys counted since start
   * @param untimed calls counted that no timed call stands for yet
   */
  record Drained(long keys, long untimed) {}

  private Stripe acquire() {
    long id = Thread.currentThread().threadId();
    int first = (int) ((id * 0x9E3779B97F4A7C15L) >>> 40);
    for (int i = 0; ; i++) {
      Stripe stripe = stripes[(first + i) & (STRIPES - 1)];
      if (stripe.tryAcquire()) {
        return stripe;
      }
      if ((i & (STRIPES - 1)) == STRIPES - 1) {
        Thread.onSpinWait();
      }
    }
  }

  /**
   * Keeps a stripe's hot fields off its neighbours' cache lines (fields of a superclass go first).
   */
  @SuppressWarnings("unused")
  private abstract static class PadBefore {
    long p0, p1, p2, p3, p4, p5, p6, p7;
  }

  private abstract static class Fields extends PadBefore {
    volatile int busy;
    @Nullable Histogram active; // made on the stripe's first value
    @Nullable Histogram spare; // the drained histogram, reused as the next active one
    long keys;
    long untimed;
  }

  @SuppressWarnings("unused")
  private static final class Stripe extends Fields {
    private static final VarHandle BUSY;

    static {
      try {
        BUSY = MethodHandles.lookup().findVarHandle(Fields.class, "busy", int.class);
      } catch (ReflectiveOperationException e) {
        throw new ExceptionInInitializerError(e);
      }
    }

    long q0, q1, q2, q3, q4, q5, q6, q7;

    boolean tryAcquire() {
      return busy == 0 && BUSY.compareAndSet(this, 0, 1);
    }

    void release() {
      BUSY.setRelease(this, 0);
    }
  }
}
