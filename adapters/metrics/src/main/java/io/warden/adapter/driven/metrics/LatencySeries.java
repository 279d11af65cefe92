package io.warden.adapter.driven.metrics;

import io.warden.application.port.driving.ObservabilityUseCase.Latency;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * One latency histogram and the keys of its calls: recorded by any number of threads without
 * waiting (a {@link StripedRecorder}), read as the distribution since start and over the last
 * minute. A read drains what was recorded since the previous read into both, under this object's
 * lock; writers never wait for it.
 *
 * <p>Calls may be counted without being timed ({@link #count}): the timed ones stand for them in
 * the distribution, and {@link #total()}'s count is every call, timed or not.
 */
final class LatencySeries {
  /** Two significant digits: a percentile is off by at most 1 %. */
  private static final int DIGITS = 2;

  /** The recent window: {@link #SLOTS} slots of {@link #SLOT_MILLIS} each. */
  static final long SLOT_MILLIS = 10_000;

  static final int SLOTS = 6;

  private final StripedRecorder recorder = new StripedRecorder(DIGITS);
  private final Clock clock;
  private final Histogram total = new Histogram(DIGITS);
  private final Histogram[] slots = new Histogram[SLOTS];
  private final long[] slotEpochs = new long[SLOTS];
  private final Histogram interval = new Histogram(DIGITS);
  private long keys;
  private long untimed;

  LatencySeries(Clock clock) {
    this.clock = clock;
    for (int i = 0; i < SLOTS; i++) {
      slots[i] = new Histogram(DIGITS);
      slotEpochs[i] = -1;
    }
  }

  /** Records one value; negative values (a clock step) count as zero. */
  void record(long nanos) {
    recorder.record(0, nanos);
  }

  /** Records one call of {@code keys} keys that took {@code nanos}. */
  void record(int keys, long nanos) {
    recorder.record(keys, nanos);
  }

  /** Counts one call of {@code keys} keys that was not timed. */
  void count(int keys) {
    recorder.count(keys);
  }

  /** The keys of every call since start. */
  synchronized long keys() {
    drain();
    return keys;
  }

  /**
   * The distribution since start; its count is every call, including those counted untimed that no
   * timed call stands for yet.
   */
  synchronized Latency total() {
    drain();
    Latency latency = latency(total);
    return untimed == 0
        ? latency
        : new Latency(
            latency.count() + untimed,
            latency.minMs(),
            latency.avgMs(),
            latency.maxMs(),
            latency.p50Ms(),
            latency.p95Ms(),
            latency.p99Ms());
  }

  /** The distribution over the last minute (the current 10-second slot and the five before). */
  synchronized Latency recent() {
    drain();
    long epoch = clock.millis() / SLOT_MILLIS;
    Histogram window = new Histogram(DIGITS);
    for (int i = 0; i < SLOTS; i++) {
      if (slotEpochs[i] > epoch - SLOTS) {
        window.add(slots[i]);
      }
    }
    return latency(window);
  }

  /**
   * How many values are at most each of {@code upperBoundsNanos} (ascending), then the count and
   * the sum (in nanoseconds) of all values: what a Prometheus histogram needs.
   */
  synchronized Cumulative cumulative(long[] upperBoundsNanos) {
    drain();
    long[] atMost = new long[upperBoundsNanos.length];
    for (int i = 0; i < upperBoundsNanos.length; i++) {
      atMost[i] = total.getCountBetweenValues(0, upperBoundsNanos[i]);
    }
    long count = total.getTotalCount();
    return new Cumulative(atMost, count, total.getMean() * count);
  }

  /** Counts per upper bound, then the total count and sum. */
  record Cumulative(long[] atMost, long count, double sumNanos) {}

  private void drain() {
    StripedRecorder.Drained drained = recorder.drainInto(interval);
    keys = drained.keys();
    untimed = drained.untimed();
    if (interval.getTotalCount() == 0) {
      return;
    }
    total.add(interval);
    long epoch = clock.millis() / SLOT_MILLIS;
    int slot = (int) (epoch % SLOTS);
    if (slotEpochs[slot] != epoch) {
      slots[slot].reset();
      slotEpochs[slot] = epoch;
    }
    slots[slot].add(interval);
    interval.reset();
  }

  private static Latency latency(Histogram h) {
    long count = h.getTotalCount();
    if (count == 0) {
      return Latency.NONE;
    }
    return new Latency(
        count,
        ms(h.getMinValue()),
        ms(h.getMean()),
        ms(h.getMaxValue()),
        ms(h.getValueAtPercentile(50)),
        ms(h.getValueAtPercentile(95)),
        ms(h.getValueAtPercentile(99)));
  }

  private static double ms(double nanos) {
    return nanos / TimeUnit.MILLISECONDS.toNanos(1);
  }
}
