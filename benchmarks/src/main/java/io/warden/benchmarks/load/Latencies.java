package io.warden.benchmarks.load;

import java.util.Arrays;

/**
 * The latencies one worker measured, in microseconds; only its own thread appends. Memory is
 * bounded by the scenario's request cap, and percentiles come from the exact sorted values.
 */
final class Latencies {
  private long[] micros = new long[1024];
  private int size;

  void add(long latencyMicros) {
    if (size == micros.length) {
      micros = Arrays.copyOf(micros, size * 2);
    }
    micros[size++] = latencyMicros;
  }

  int size() {
    return size;
  }

  /** Every worker's values in one sorted array. */
  static long[] sortedUnion(Iterable<Latencies> all) {
    int total = 0;
    for (Latencies l : all) {
      total += l.size;
    }
    long[] union = new long[total];
    int at = 0;
    for (Latencies l : all) {
      System.arraycopy(l.micros, 0, union, at, l.size);
      at += l.size;
    }
    Arrays.sort(union);
    return union;
  }

  /** The nearest-rank percentile of sorted values, or 0 when there are none. */
  static long percentile(long[] sorted, double percent) {
    if (sorted.length == 0) {
      return 0;
    }
    int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }
}
