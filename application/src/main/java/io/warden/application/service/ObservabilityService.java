package io.warden.application.service;

import io.warden.application.port.driven.BreakerState;
import io.warden.application.port.driven.EffectivePermissions;
import io.warden.application.port.driven.HealthProbe;
import io.warden.application.port.driven.Metrics;
import io.warden.application.port.driven.MetricsScrape;
import io.warden.application.port.driving.Caller;
import io.warden.application.port.driving.HealthUseCase.Check;
import io.warden.application.port.driving.HealthUseCase.Health;
import io.warden.application.port.driving.HealthUseCase.Status;
import io.warden.application.port.driving.ObservabilityUseCase;
import io.warden.domain.model.permission.BuiltInPermissions;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads back what {@link Metrics} recorded, and asks the cache tiers how they are. */
public final class ObservabilityService implements ObservabilityUseCase {
  private final AccessGuard guard;
  private final Metrics metrics;
  private final MetricsScrape scrape;
  private final BreakerState breaker;
  private final List<HealthProbe> cacheTiers;

  /**
   * @param cacheTiers one probe per configured cache tier, named as the tier ({@code l1}, {@code
   *     l2}); a tier that is down makes the cache health DOWN
   */
  ObservabilityService(
      EffectivePermissions effectivePermissions,
      Metrics metrics,
      MetricsScrape scrape,
      BreakerState breaker,
      List<HealthProbe> cacheTiers) {
    this.guard = new AccessGuard(effectivePermissions);
    this.metrics = metrics;
    this.scrape = scrape;
    this.breaker = breaker;
    this.cacheTiers = List.copyOf(cacheTiers);
  }

  @Override
  public PerformanceStats stats(Caller caller) {
    if (!caller.systemAdmin()) {
      guard.requirePermission(caller, BuiltInPermissions.METRICS_VIEW);
    }
    return PerformanceFigures.of(metrics.snapshot(), breaker.current());
  }

  @Override
  public Health cacheHealth() {
    Map<String, Check> checks = new LinkedHashMap<>();
    Status overall = Status.UP;
    for (HealthProbe tier : cacheTiers) {
      Check check;
      try {
        check = tier.probe();
      } catch (RuntimeException e) {
        check = new Check(Status.DOWN, "the probe failed: " + e.getClass().getSimpleName());
      }
      if (check == null || check.status() == null) {
        check = new Check(Status.DOWN, "the probe gave no answer");
      }
      checks.put(tier.name(), check);
      if (check.status().compareTo(overall) > 0) {
        overall = check.status();
      }
    }
    return new Health(overall, Collections.unmodifiableMap(checks));
  }

  @Override
  public String scrape() {
    return scrape.scrape();
  }

  @Override
  public String scrapeContentType() {
    return scrape.contentType();
  }
}
