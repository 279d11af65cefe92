package io.warden.application.service;

import io.warden.application.port.driving.CacheWarmingUseCase.State;
import io.warden.application.port.driving.CacheWarmingUseCase.WarmJob;
import io.warden.domain.model.tenant.TenantId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The warming jobs of this instance, the newest {@code capacity} by id: jobs are per instance and
 * short-lived, so they are not worth a table of their own.
 */
final class WarmingJobs {
  private final Map<UUID, Job> byId;

  WarmingJobs(int capacity) {
    this.byId =
        new LinkedHashMap<>() {
          private static final long serialVersionUID = 1L;

          @Override
          protected boolean removeEldestEntry(Map.Entry<UUID, Job> eldest) {
            return size() > capacity;
          }
        };
  }

  /** A new running job, unless one for the tenant is running already: then that one. */
  synchronized Registration register(TenantId tenantId, long total) {
    for (Job job : byId.values()) {
      if (job.tenantId.equals(tenantId) && job.state == State.RUNNING) {
        return new Registration(job, false);
      }
    }
    Job job = new Job(tenantId, total);
    byId.put(job.id, job);
    return new Registration(job, true);
  }

  synchronized Optional<Job> find(UUID id) {
    return Optional.ofNullable(byId.get(id));
  }

  /** A job and whether this registration started it (or found one running for the tenant). */
  record Registration(Job job, boolean started) {}

  /** A job's mutable progress; read by {@link #snapshot} from any thread. */
  static final class Job {
    private final UUID id = UUID.randomUUID();
    private final TenantId tenantId;
    private final AtomicLong done = new AtomicLong();
    private volatile long total;
    private volatile State state = State.RUNNING;

    private Job(TenantId tenantId, long total) {
      this.tenantId = tenantId;
      this.total = total;
    }

    UUID id() {
      return id;
    }

    TenantId tenantId() {
      return tenantId;
    }

    void advance(int warmed) {
      done.addAndGet(warmed);
    }

    /** Members may have joined or left since the count: the final total is what was walked. */
    void finish() {
      total = done.get();
      state = State.DONE;
    }

    void fail() {
      state = State.FAILED;
    }

    WarmJob snapshot() {
      // State first: once it reads DONE, the total written before it is the final one.
      State current = state;
      long warmed = done.get();
      return new WarmJob(id, tenantId, current, warmed, Math.max(total, warmed));
    }
  }
}
