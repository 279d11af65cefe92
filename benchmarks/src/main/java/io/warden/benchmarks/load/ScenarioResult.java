package io.warden.benchmarks.load;

import java.util.Locale;
import java.util.Map;

/**
 * What one measured scenario did: requests that answered as expected, failures by kind, and the
 * latency percentiles of the successful ones.
 *
 * @param checksPerRequest permission checks carried by one request (0 for {@code /ping})
 * @param failures counts by kind: an unexpected HTTP status, a wrong answer, or an exception
 */
record ScenarioResult(
    String label,
    LoadOptions.Scenario scenario,
    int concurrency,
    int checksPerRequest,
    long ok,
    Map<String, Long> failures,
    double seconds,
    long p50Micros,
    long p95Micros,
    long p99Micros,
    long maxMicros) {

  static final String TSV_HEADER =
      "label\tscenario\tconcurrency\trequests_ok\tfailed\tseconds\treq_per_s\tchecks_per_s"
          + "\tp50_ms\tp95_ms\tp99_ms\tmax_ms";

  long failed() {
    return failures.values().stream().mapToLong(Long::longValue).sum();
  }

  double requestsPerSecond() {
    return ok / seconds;
  }

  String tsv() {
    return String.join(
        "\t",
        label,
        scenario.name().toLowerCase(Locale.ROOT),
        Integer.toString(concurrency),
        Long.toString(ok),
        Long.toString(failed()),
        String.format(Locale.ROOT, "%.1f", seconds),
        String.format(Locale.ROOT, "%.0f", requestsPerSecond()),
        String.format(Locale.ROOT, "%.0f", requestsPerSecond() * checksPerRequest),
        millis(p50Micros),
        millis(p95Micros),
        millis(p99Micros),
        millis(maxMicros));
  }

  String human() {
    return String.format(
        Locale.ROOT,
        "%-22s %-6s %,9d ok %,6d failed in %5.1f s: %,8.0f req/s%s  p50 %s ms  p95 %s ms"
            + "  p99 %s ms  max %s ms%s",
        label,
        scenario.name().toLowerCase(Locale.ROOT),
        ok,
        failed(),
        seconds,
        requestsPerSecond(),
        checksPerRequest > 1
            ? String.format(
                Locale.ROOT, " (%,.0f checks/s)", requestsPerSecond() * checksPerRequest)
            : "",
        millis(p50Micros),
        millis(p95Micros),
        millis(p99Micros),
        millis(maxMicros),
        failures.isEmpty() ? "" : "  failures " + failures);
  }

  private static String millis(long micros) {
    return String.format(Locale.ROOT, "%.2f", micros / 1000.0);
  }
}
