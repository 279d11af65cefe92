package io.warden.application.service;

import io.warden.application.port.driven.Metrics;
import io.warden.application.port.driving.ObservabilityUseCase.OperationFigures;
import io.warden.application.port.driving.ObservabilityUseCase.PerformanceStats;
import io.warden.application.port.driving.ObservabilityUseCase.RevocationFigures;
import io.warden.application.port.driving.ObservabilityUseCase.TierFigures;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns what {@link Metrics} recorded into the statistics the observability use case answers: the
 * recording vocabulary (operations, tiers) stays on the driven side, so no driving adapter sees it.
 */
final class PerformanceFigures {
  private PerformanceFigures() {}

  static PerformanceStats of(Metrics.Snapshot snapshot, String circuitBreaker) {
    Map<String, Long> refusals = new LinkedHashMap<>();
    snapshot.refusals().forEach(r -> refusals.put(r.limitClass(), r.count()));
    return new PerformanceStats(
        snapshot.since(),
        snapshot.operations().stream().map(PerformanceFigures::operation).toList(),
        snapshot.revocations().stream()
            .map(r -> new RevocationFigures(r.changeType(), r.latency()))
            .toList(),
        Collections.unmodifiableMap(refusals),
        snapshot.busiestTenants(),
        snapshot.busiestUsers(),
        circuitBreaker);
  }

  private static OperationFigures operation(Metrics.OperationStats op) {
    return new OperationFigures(
        op.operation().label(),
        op.latency(),
        op.recent(),
        !op.tiers().isEmpty(),
        op.hitRatio(),
        op.hits(Metrics.Tier.L1),
        op.hits(Metrics.Tier.L2),
        op.misses(),
        op.tiers().stream()
            .map(
                tier ->
                    new TierFigures(
                        tier.tier().label(), tier.keys(), op.hits(tier.tier()), tier.latency()))
            .toList());
  }
}
