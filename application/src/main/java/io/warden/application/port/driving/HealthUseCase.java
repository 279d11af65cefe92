package io.warden.application.port.driving;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Whether Warden can serve, and the state of each dependency. */
public interface HealthUseCase {

  /** Every check with its detail (pool numbers, breaker state, what failed). */
  Health health();

  /**
   * Whether {@code caller} may see the details of {@link #health()}: a system administrator, or a
   * holder of {@code metrics.view} in the token's tenant. Everyone else sees {@link
   * Health#summary()}: the details help an attacker more than an anonymous prober.
   */
  boolean mayViewDetails(Caller caller);

  /** Status of one dependency, or of the instance; later ones are worse. */
  enum Status {
    UP,
    DEGRADED,
    DOWN,
    /**
     * The instance is shutting down: it finishes what it accepted, a balancer must send no more.
     */
    DRAINING;

    /** Whether a balancer should take the instance out ({@code /health} answers 503). */
    public boolean unready() {
      return this == DOWN || this == DRAINING;
    }
  }

  /** One dependency: its status and a short human detail (null when withheld). */
  record Check(Status status, @Nullable String detail) {
    /** The status alone. */
    public Check withoutDetail() {
      return detail == null ? this : new Check(status, null);
    }
  }

  /** The overall status is the worst that matters: a DOWN database is DOWN, Redis only DEGRADED. */
  record Health(Status status, Map<String, Check> checks) {

    /** The same statuses with every detail withheld: what an unprivileged caller may see. */
    public Health summary() {
      Map<String, Check> bare = new LinkedHashMap<>();
      checks.forEach((name, check) -> bare.put(name, check.withoutDetail()));
      return new Health(status, Collections.unmodifiableMap(bare));
    }
  }
}
