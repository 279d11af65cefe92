package io.warden.adapter.driven.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.warden.application.port.driven.Metrics.Operation;
import io.warden.application.port.driven.Metrics.Tier;
import io.warden.application.port.driven.MetricsScrape;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;

/**
 * Every metric in Prometheus' text format, through Micrometer's Prometheus registry: the JVM and GC
 * basics of Micrometer's binders, the gauges and counters bootstrap registers (breaker, degraded
 * mode, pool, statements), and the latency histograms of {@link RecordedMetrics} as Prometheus
 * histograms whose buckets are counted exactly from the HdrHistogram at scrape time. A step timed
 * one call in {@link io.warden.application.port.driven.Metrics#SAMPLE_ONE_IN} (an L1 tier, the rate
 * limiter) has each timed call stand for the untimed calls before it: its {@code _count} catches up
 * with the calls at every timed one.
 */
public final class PrometheusMetrics implements MetricsScrape {
  /** Bucket bounds of every latency histogram, in seconds: 25 µs to 10 s. */
  static final double[] BUCKETS = {
    0.000025, 0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25,
    0.5, 1, 2.5, 5, 10
  };

  private static final long[] BUCKET_NANOS = new long[BUCKETS.length];

  static {
    for (int i = 0; i < BUCKETS.length; i++) {
      BUCKET_NANOS[i] = Math.round(BUCKETS[i] * TimeUnit.SECONDS.toNanos(1));
    }
  }

  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final RecordedMetrics recorded;

  public PrometheusMetrics(RecordedMetrics recorded) {
    this.recorded = recorded;
    new ClassLoaderMetrics().bindTo(registry);
    new JvmMemoryMetrics().bindTo(registry);
    new JvmGcMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    registry.getPrometheusRegistry().register(new Recorded());
  }

  /** A value that goes up and down, read at every scrape; {@code tags} as name, value pairs. */
  public void gauge(String name, String help, DoubleSupplier value, String... tags) {
    Gauge.builder(name, value::getAsDouble).description(help).tags(tags).register(registry);
  }

  /** A count that only grows, read at every scrape; {@code tags} as name, value pairs. */
  public void counter(String name, String help, LongSupplier value, String... tags) {
    FunctionCounter.builder(name, value, v -> v.getAsLong())
        .description(help)
        .tags(Tags.of(tags))
        .register(registry);
  }

  @Override
  public String contentType() {
    return "text/plain; version=0.0.4; charset=utf-8";
  }

  @Override
  public String scrape() {
    return registry.scrape();
  }

  /** What {@link RecordedMetrics} holds, as histograms and counters. */
  private final class Recorded implements MultiCollector {
    @Override
    public MetricSnapshots collect() {
      HistogramSnapshot.Builder operations =
          histogramFamily(
              OPERATION_DURATION,
              "Latency of each operation as its caller saw it (cached ones: the whole load)");
      HistogramSnapshot.Builder tiers =
          histogramFamily(
              TIER_DURATION,
              "Latency of each cache tier, including the tiers below it when it missed");
      CounterSnapshot.Builder keys =
          counterFamily(
              TIER_KEYS,
              "Keys that reached each tier: one per single load, one per user of a batch");
      CounterSnapshot.Builder hits =
          counterFamily(
              CACHE_HITS, "Keys a cache tier answered itself (reached it, did not reach the next)");
      CounterSnapshot.Builder misses =
          counterFamily(CACHE_MISSES, "Keys no cache tier answered: read from the source of truth");
      for (Operation op : Operation.values()) {
        List<Tier> chain = recorded.tiersOf(op);
        LatencySeries own =
            chain.isEmpty() ? recorded.operationSeries(op) : recorded.tierSeries(op, chain.get(0));
        operations.dataPoint(histogram(own, Labels.of("operation", op.label())));
        long[] reached = new long[chain.size()];
        for (int i = chain.size() - 1; i >= 0; i--) {
          reached[i] = recorded.tierKeys(op, chain.get(i));
        }
        for (int i = 0; i < chain.size(); i++) {
          Tier tier = chain.get(i);
          Labels labels = Labels.of("operation", op.label(), "tier", tier.label());
          tiers.dataPoint(histogram(recorded.tierSeries(op, tier), labels));
          keys.dataPoint(counterPoint(reached[i], labels));
          if (i < chain.size() - 1) {
            hits.dataPoint(
                counterPoint(
                    recorded.monotonicHits(op, tier, reached[i] - reached[i + 1]), labels));
          } else {
            misses.dataPoint(counterPoint(reached[i], Labels.of("operation", op.label())));
          }
        }
      }
      HistogramSnapshot.Builder revocations =
          histogramFamily(
              REVOCATION_LATENCY,
              "From an RBAC change's journal entry (its commit) to its eviction here");
      for (Map.Entry<String, LatencySeries> e : recorded.revocationSeries().entrySet()) {
        revocations.dataPoint(histogram(e.getValue(), Labels.of("change_type", e.getKey())));
      }
      CounterSnapshot.Builder refusals =
          counterFamily(RATE_LIMIT_REFUSALS, "Requests refused with 429, per rate-limit class");
      recorded
          .refusalCounters()
          .forEach((c, n) -> refusals.dataPoint(counterPoint(n.sum(), Labels.of("class", c))));
      List<io.prometheus.metrics.model.snapshots.MetricSnapshot> all = new ArrayList<>();
      all.add(operations.build());
      all.add(tiers.build());
      all.add(keys.build());
      all.add(hits.build());
      all.add(misses.build());
      all.add(revocations.build());
      all.add(refusals.build());
      return new MetricSnapshots(all);
    }

    @Override
    public List<String> getPrometheusNames() {
      return List.of(
          OPERATION_DURATION,
          TIER_DURATION,
          TIER_KEYS,
          CACHE_HITS,
          CACHE_MISSES,
          REVOCATION_LATENCY,
          RATE_LIMIT_REFUSALS);
    }
  }

  private static final String OPERATION_DURATION = "warden_operation_duration_seconds";
  private static final String TIER_DURATION = "warden_tier_duration_seconds";
  private static final String TIER_KEYS = "warden_tier_keys";
  private static final String CACHE_HITS = "warden_cache_hits";
  private static final String CACHE_MISSES = "warden_cache_misses";
  private static final String REVOCATION_LATENCY = "warden_revocation_latency_seconds";
  private static final String RATE_LIMIT_REFUSALS = "warden_rate_limit_refusals";

  private static HistogramSnapshot.Builder histogramFamily(String name, String help) {
    return HistogramSnapshot.builder().name(name).help(help);
  }

  private static CounterSnapshot.Builder counterFamily(String name, String help) {
    return CounterSnapshot.builder().name(name).help(help);
  }

  private static HistogramSnapshot.HistogramDataPointSnapshot histogram(
      LatencySeries series, Labels labels) {
    LatencySeries.Cumulative c = series.cumulative(BUCKET_NANOS);
    double[] bounds = new double[BUCKETS.length + 1];
    long[] counts = new long[BUCKETS.length + 1];
    long below = 0;
    for (int i = 0; i < BUCKETS.length; i++) {
      bounds[i] = BUCKETS[i];
      counts[i] = Math.max(0, c.atMost()[i] - below);
      below = Math.max(below, c.atMost()[i]);
    }
    bounds[BUCKETS.length] = Double.POSITIVE_INFINITY;
    counts[BUCKETS.length] = Math.max(0, c.count() - below);
    return HistogramSnapshot.HistogramDataPointSnapshot.builder()
        .classicHistogramBuckets(ClassicHistogramBuckets.of(bounds, counts))
        .sum(c.sumNanos() / TimeUnit.SECONDS.toNanos(1))
        .labels(labels)
        .build();
  }

  private static CounterSnapshot.CounterDataPointSnapshot counterPoint(long value, Labels labels) {
    return CounterSnapshot.CounterDataPointSnapshot.builder().value(value).labels(labels).build();
  }
}
