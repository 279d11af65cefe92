package io.warden.application.port.driving;

import io.warden.domain.model.tenant.TenantId;
import java.util.UUID;

/**
 * Warming the permission caches of one tenant ahead of traffic, as a background job whose progress
 * can be followed.
 *
 * <p>A system administrator may act on any tenant; anyone else needs {@code cache.manage} in the
 * tenant of their token and can name only that tenant: another tenant, like an unknown one, is
 * {@link NotFound}.
 */
public interface CacheWarmingUseCase {

  /**
   * Starts warming the tenant's caches in the background and answers at once with the job's id. A
   * warm of the same tenant still running is not started twice: its id is answered instead.
   */
  UUID warm(Caller caller, TenantId tenantId);

  /** The progress of a warming job; {@link NotFound} for an unknown job or another tenant's. */
  WarmJob job(Caller caller, UUID jobId);

  /**
   * For bootstrap: warms every active tenant of at most {@code maxTenantSize} members, one after
   * the other in the background. Returns at once and never throws for a failed warm (it is logged):
   * readiness must not wait for it.
   */
  void warmOnStart(long maxTenantSize);

  /** Where a warming job is. */
  enum State {
    RUNNING,
    DONE,
    FAILED
  }

  /**
   * A warming job as it stands: {@code done} members of {@code total} warmed so far. {@code total}
   * is the member count when the job started, and the number actually warmed once it is done.
   */
  record WarmJob(UUID id, TenantId tenantId, State state, long done, long total) {}
}
