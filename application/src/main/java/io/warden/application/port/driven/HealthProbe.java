package io.warden.application.port.driven;

import io.warden.application.port.driving.HealthUseCase;

/** Probes one dependency (database, Redis, invalidation channel) for {@code /health}. */
public interface HealthProbe {

  String name();

  /** Whether Warden can still serve when this dependency is down (Redis: yes, database: no). */
  boolean critical();

  HealthUseCase.Check probe();
}
