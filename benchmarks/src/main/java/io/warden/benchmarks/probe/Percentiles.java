package io.warden.benchmarks.probe;

import java.util.Arrays;
import java.util.Locale;

/** Nearest-rank percentiles over every sample (no sampling, no histogram buckets). */
public final class Percentiles {
  private final double[] sorted;

  public Percentiles(double[] samples) {
    this.sorted = samples.clone();
    Arrays.sort(sorted);
  }

  public int count() {
    return sorted.length;
  }

  /** The nearest-rank percentile {@code p} (0 < p <= 100); NaN without samples. */
  public double at(double p) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }

  public double max() {
    return sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1];
  }

  /** "p50 p99 max" in milliseconds with two decimals. */
  public String summary() {
    return String.format(Locale.ROOT, "%.2f %.2f %.2f", at(50), at(99), max());
  }
}
