package io.warden.application.service;

import io.warden.application.port.driven.EffectivePermissions;
import io.warden.application.port.driven.HealthProbe;
import io.warden.application.port.driving.Caller;
import io.warden.application.port.driving.HealthUseCase;
import io.warden.domain.model.permission.BuiltInPermissions;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Asks every dependency how it is and reports the worst state that matters: a critical dependency
 * down is DOWN; anything else down, or anything degraded, is DEGRADED.
 */
public final class HealthService implements HealthUseCase {
  private final List<HealthProbe> probes;
  private final EffectivePermissions effectivePermissions;

  HealthService(List<HealthProbe> probes, EffectivePermissions effectivePermissions) {
    this.probes = List.copyOf(probes);
    this.effectivePermissions = effectivePermissions;
  }

  @Override
  public boolean mayViewDetails(Caller caller) {
    if (caller.systemAdmin()) {
      return true;
    }
    return caller
        .tenantId()
        .map(
            tenant ->
                effectivePermissions
                    .of(tenant, caller.userId())
                    .permissions()
                    .allows(BuiltInPermissions.METRICS_VIEW))
        .orElse(false);
  }

  @Override
  public Health health() {
    Map<String, Check> checks = new LinkedHashMap<>();
    Status overall = Status.UP;
    for (HealthProbe probe : probes) {
      Check check = probeSafely(probe);
      checks.put(probe.name(), check);
      Status contribution =
          switch (check.status()) {
            case UP -> Status.UP;
            case DEGRADED -> Status.DEGRADED;
            case DOWN -> probe.critical() ? Status.DOWN : Status.DEGRADED;
            case DRAINING -> Status.DRAINING;
          };
      if (contribution.compareTo(overall) > 0) {
        overall = contribution;
      }
    }
    return new Health(overall, Collections.unmodifiableMap(checks));
  }

  /** A probe that throws or answers nothing reports its dependency as down. */
  private static Check probeSafely(HealthProbe probe) {
    try {
      Check check = probe.probe();
      return check != null && check.status() != null
          ? check
          : new Check(Status.DOWN, "the probe gave no answer");
    } catch (RuntimeException e) {
      return new Check(Status.DOWN, "the probe failed: " + e.getClass().getSimpleName());
    }
  }
}
