package io.warden.application.port.in;

import java.util.Map;

/** Whether Warden can serve, and the state of each dependency. */
public interface HealthUseCase {

  Health health();

  /** Status of one dependency. */
  enum Status {
    UP,
    DEGRADED,
    DOWN
  }

  /** One dependency: its status and a short human detail. */
  record Check(Status status, String detail) {}

  /** The overall status is the worst that matters: a DOWN database is DOWN, Redis only DEGRADED. */
  record Health(Status status, Map<String, Check> checks) {}
}
