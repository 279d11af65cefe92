package io.warden.adapter.driven.metrics;

import io.warden.application.port.driven.Metrics;
import io.warden.domain.model.tenant.TenantId;
import io.warden.domain.model.user.UserId;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * {@link Metrics} in memory: one {@link LatencySeries} per operation, per (operation, tier) and per
 * revocation change type (each tier's series counts its keys too), counters of refusals, and the
 * busiest tenants and users. The hot path touches only pre-built arrays (no map look-up, no
 * allocation) and one stripe of a series per call, except for the busiest counters, which are
 * bounded.
 */
public final class RecordedMetrics implements Metrics {
  /** Distinct change types tracked; more (never expected: types are code) share one series. */
  private static final int MAX_CHANGE_TYPES = 64;

  private static final String OTHER = "other";

  private static final Operation[] OPERATIONS = Operation.values();
  private static final Tier[] TIERS = Tier.values();

  private final Clock clock;
  private final Instant since;
  private final LatencySeries[] operations = new LatencySeries[OPERATIONS.length];
  private final LatencySeries[][] tiers = new LatencySeries[OPERATIONS.length][TIERS.length];
  private final AtomicLong[][] hitsSeen = new AtomicLong[OPERATIONS.length][TIERS.length];
  private final Map<String, LatencySeries> revocations = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> refusals = new ConcurrentHashMap<>();
  private final BusiestCounter busiest;
  private final Map<Operation, List<Tier>> tierChains = new ConcurrentHashMap<>();

  public RecordedMetrics(Clock clock) {
    this.clock = clock;
    this.since = clock.instant();
    for (Operation op : OPERATIONS) {
      operations[op.ordinal()] = new LatencySeries(clock);
      for (Tier tier : TIERS) {
        tiers[op.ordinal()][tier.ordinal()] = new LatencySeries(clock);
        hitsSeen[op.ordinal()][tier.ordinal()] = new AtomicLong();
      }
    }
    this.busiest = new BusiestCounter(clock);
  }

  @Override
  public void operation(Operation operation, long nanos) {
    operations[operation.ordinal()].record(nanos);
  }

  @Override
  public void operation(Operation operation) {
    operations[operation.ordinal()].count(0);
  }

  @Override
  public void tier(Tier tier, Operation operation, int keys, long nanos) {
    tiers[operation.ordinal()][tier.ordinal()].record(keys, nanos);
  }

  @Override
  public void tier(Tier tier, Operation operation, int keys) {
    tiers[operation.ordinal()][tier.ordinal()].count(keys);
  }

  @Override
  public void revoked(String changeType, long millis) {
    String key = changeType;
    if (!revocations.containsKey(key) && revocations.size() >= MAX_CHANGE_TYPES) {
      key = OTHER;
    }
    revocations.computeIfAbsent(key, type -> new LatencySeries(clock)).record(millis * 1_000_000L);
  }

  @Override
  public void rateLimitRefused(String limitClass) {
    refusals.computeIfAbsent(limitClass, c -> new LongAdder()).increment();
  }

  @Override
  public void checked(TenantId tenantId, UserId userId) {
    busiest.count(tenantId, userId);
  }

  /** The latency of {@code operation}, since start. */
  LatencySeries operationSeries(Operation operation) {
    return operations[operation.ordinal()];
  }

  LatencySeries tierSeries(Operation operation, Tier tier) {
    return tiers[operation.ordinal()][tier.ordinal()];
  }

  long tierKeys(Operation operation, Tier tier) {
    return tiers[operation.ordinal()][tier.ordinal()].keys();
  }

  /**
   * {@code computed} hits of {@code tier}, never less than a previous answer: hits are read as the
   * difference of two counters read one after the other, which a key in flight can make dip, and a
   * Prometheus counter that dips reads as a restart.
   */
  long monotonicHits(Operation operation, Tier tier, long computed) {
    return hitsSeen[operation.ordinal()][tier.ordinal()].accumulateAndGet(computed, Math::max);
  }

  Map<String, LatencySeries> revocationSeries() {
    return revocations;
  }

  /**
   * Declares the rate-limit classes, so that each has a series (at 0) before its first refusal: a
   * rate over a counter that appears only on its first increment misses that increment.
   */
  public void declareRateClasses(Iterable<String> limitClasses) {
    limitClasses.forEach(c -> refusals.computeIfAbsent(c, k -> new LongAdder()));
  }

  Map<String, LongAdder> refusalCounters() {
    return refusals;
  }

  /**
   * Declares the tiers {@code operation} goes through, outermost first, the source of truth last:
   * which tiers are configured decides what a key that reached one but not the next means.
   */
  public void declareTiers(Operation operation, List<Tier> chain) {
    tierChains.put(operation, List.copyOf(chain));
  }

  List<Tier> tiersOf(Operation operation) {
    return tierChains.getOrDefault(operation, List.of());
  }

  @Override
  public Snapshot snapshot() {
    List<OperationStats> stats = new ArrayList<>();
    for (Operation op : OPERATIONS) {
      List<Tier> used = tiersOf(op);
      LatencySeries own = operations[op.ordinal()];
      LatencySeries series = used.isEmpty() ? own : tierSeries(op, used.get(0));
      List<TierCount> counts = new ArrayList<>();
      for (Tier tier : used) {
        counts.add(new TierCount(tier, tierKeys(op, tier), tierSeries(op, tier).total()));
      }
      stats.add(new OperationStats(op, series.total(), series.recent(), counts));
    }
    List<Revocations> revoked = new ArrayList<>();
    revocations.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(e -> revoked.add(new Revocations(e.getKey(), e.getValue().total())));
    List<Refusals> refused = new ArrayList<>();
    refusals.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(e -> refused.add(new Refusals(e.getKey(), e.getValue().sum())));
    return new Snapshot(since, stats, revoked, refused, busiest.tenants(10), busiest.users(10));
  }
}
