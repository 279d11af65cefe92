package io.warden.application.port.driven;

import io.warden.application.port.driving.HealthUseCase;
import java.util.function.Supplier;

/** Probes one dependency (database, Redis, invalidation channel) for {@code /health}. */
public interface HealthProbe {

  String name();

  /** Whether Warden can still serve when this dependency is down (Redis: yes, database: no). */
  boolean critical();

  HealthUseCase.Check probe();

  /** A probe named {@code name} that answers what {@code probe} says each time it is asked. */
  static HealthProbe of(String name, boolean critical, Supplier<HealthUseCase.Check> probe) {
    return new HealthProbe() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public boolean critical() {
        return critical;
      }

      @Override
      public HealthUseCase.Check probe() {
        return probe.get();
      }

      @Override
      public String toString() {
        return "HealthProbe[" + name + (critical ? ", critical]" : "]");
      }
    };
  }
}
