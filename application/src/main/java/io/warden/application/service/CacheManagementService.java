package io.warden.application.service;

import io.warden.application.port.driven.CacheInvalidation;
import io.warden.application.port.driven.ChangeJournal;
import io.warden.application.port.driven.EffectivePermissions;
import io.warden.application.port.driven.MembershipRepository;
import io.warden.application.port.driven.TenantRepository;
import io.warden.application.port.driven.Transactions;
import io.warden.application.port.driving.CacheManagementUseCase;
import io.warden.application.port.driving.Caller;
import io.warden.application.port.driving.NotFound;
import io.warden.domain.event.RbacEvent;
import io.warden.domain.model.InvalidValueException;
import io.warden.domain.model.permission.BuiltInPermissions;
import io.warden.domain.model.tenant.Tenant;
import io.warden.domain.model.tenant.TenantId;
import io.warden.domain.model.user.Membership;
import io.warden.domain.model.user.UserId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Warms a tenant's permission caches by asking the outermost cache tier for every member's
 * permissions, one batch of members per database query, and flushes them through the change journal
 * so every instance drops them.
 *
 * <p>Warming runs on the injected executor, never on the caller's thread, and is tracked as a job
 * in a bounded in-memory table: jobs are per instance and short-lived, so they are not worth a
 * table of their own, and a client polling another instance behind the load balancer sees a 404.
 */
public final class CacheManagementService implements CacheManagementUseCase {
  /** Members warmed per query unless configured otherwise. */
  public static final int DEFAULT_BATCH_SIZE = 500;

  /** Largest configurable batch: one query's id array must stay reasonable. */
  public static final int MAX_BATCH_SIZE = 10_000;

  /** How many jobs, the newest, an instance remembers. */
  public static final int MAX_JOBS_KEPT = 1000;

  private static final System.Logger LOG = System.getLogger(CacheManagementService.class.getName());

  private final ChangeTransactions changes;
  private final Transactions transactions;
  private final TenantRepository tenants;
  private final MembershipRepository memberships;
  private final EffectivePermissions effectivePermissions;
  private final AccessGuard guard;
  private final Executor executor;
  private final int batchSize;
  private final JobTable jobs = new JobTable(MAX_JOBS_KEPT);

  /**
   * @param effectivePermissions the outermost cache tier: warming fills every tier below it, and
   *     the caller's own permissions are checked through it as everywhere else
   * @param executor runs the warming jobs (bootstrap gives virtual threads)
   * @param batchSize members per {@link EffectivePermissions#ofAll} call, 1 to {@value
   *     #MAX_BATCH_SIZE}
   */
  public CacheManagementService(
      Transactions transactions,
      TenantRepository tenants,
      MembershipRepository memberships,
      EffectivePermissions effectivePermissions,
      ChangeJournal changeJournal,
      CacheInvalidation cacheInvalidation,
      Executor executor,
      int batchSize) {
    this.changes = new ChangeTransactions(transactions, changeJournal, cacheInvalidation);
    this.transactions = transactions;
    this.tenants = Objects.requireNonNull(tenants, "tenants");
    this.memberships = Objects.requireNonNull(memberships, "memberships");
    this.effectivePermissions =
        Objects.requireNonNull(effectivePermissions, "effectivePermissions");
    this.guard = new AccessGuard(effectivePermissions);
    this.executor = Objects.requireNonNull(executor, "executor");
    if (batchSize < 1 || batchSize > MAX_BATCH_SIZE) {
      throw new IllegalArgumentException("batchSize must be 1 to " + MAX_BATCH_SIZE);
    }
    this.batchSize = batchSize;
  }

  @Override
  public UUID warm(Caller caller, TenantId tenantId) {
    requireMayManage(caller, tenantId);
    long total =
        transactions.readInTenant(
            tenantId,
            () -> {
              requireTenant(tenantId);
              return memberships.count();
            });
    Registration registration = jobs.register(tenantId, total);
    if (registration.started()) {
      start(registration.job());
    }
    return registration.job().id;
  }

  @Override
  public WarmJob job(Caller caller, UUID jobId) {
    InvalidValueException.requirePresent(jobId, "jobId");
    Optional<TenantId> own =
        caller.systemAdmin()
            ? Optional.empty()
            : Optional.of(guard.requirePermission(caller, BuiltInPermissions.CACHE_MANAGE));
    Job job = jobs.find(jobId);
    if (job == null || own.map(tenant -> !tenant.equals(job.tenantId)).orElse(false)) {
      throw new NotFound("job not found");
    }
    return job.snapshot();
  }

  @Override
  public void flushTenant(Caller caller, TenantId tenantId) {
    requireMayManage(caller, tenantId);
    changes.runInTenant(
        tenantId,
        c -> {
          requireTenant(tenantId);
          c.record(new RbacEvent.CacheFlushed(tenantId));
        });
  }

  @Override
  public void warmOnStart(long maxTenantSize) {
    if (maxTenantSize < 0) {
      throw new IllegalArgumentException("maxTenantSize must not be negative");
    }
    try {
      executor.execute(() -> warmSmallTenants(maxTenantSize));
    } catch (RejectedExecutionException e) {
      LOG.log(System.Logger.Level.WARNING, "Cache warming at start could not be scheduled", e);
    }
  }

  /**
   * A system administrator may name any tenant; anyone else needs {@code cache.manage} in the
   * tenant of their token, and naming another tenant is answered as if it did not exist. The
   * permission is checked first, so the answer to a caller without it never depends on the tenant
   * they named.
   */
  private void requireMayManage(Caller caller, TenantId tenantId) {
    InvalidValueException.requirePresent(tenantId, "tenantId");
    if (caller.systemAdmin()) {
      return;
    }
    TenantId own = guard.requirePermission(caller, BuiltInPermissions.CACHE_MANAGE);
    if (!own.equals(tenantId)) {
      throw new NotFound("tenant not found");
    }
  }

  /** Inside a transaction of {@code tenantId}. */
  private void requireTenant(TenantId tenantId) {
    tenants.findById(tenantId).orElseThrow(() -> new NotFound("tenant not found"));
  }

  private void start(Job job) {
    try {
      executor.execute(() -> run(job));
    } catch (RejectedExecutionException e) {
      LOG.log(
          System.Logger.Level.WARNING,
          "Warming job " + job.id + " of tenant " + job.tenantId + " could not be scheduled",
          e);
      job.fail();
    }
  }

  /**
   * Walks the members in pages of {@code batchSize}, each page read in a short transaction of its
   * own and warmed outside it, so no connection is held while the cache tiers work.
   */
  private void run(Job job) {
    try {
      Optional<UserId> after = Optional.empty();
      while (true) {
        Optional<UserId> from = after;
        List<Membership> page =
            transactions.readInTenant(job.tenantId, () -> memberships.page(from, batchSize));
        if (page.isEmpty()) {
          break;
        }
        List<UserId> ids = page.stream().map(Membership::userId).toList();
        effectivePermissions.ofAll(job.tenantId, ids);
        job.advance(ids.size());
        if (page.size() < batchSize) {
          break;
        }
        after = Optional.of(ids.get(ids.size() - 1));
      }
      job.finish();
    } catch (RuntimeException e) {
      // A cache tier or the database failed: the caches are only less warm, nothing is wrong.
      job.fail();
      LOG.log(
          System.Logger.Level.WARNING,
          "Warming job " + job.id + " of tenant " + job.tenantId + " failed",
          e);
    }
  }

  /** One tenant after the other, on the executor's one thread of this task. */
  private void warmSmallTenants(long maxTenantSize) {
    List<Tenant> all;
    try {
      all = transactions.acrossTenants(tenants::findAll);
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "Cache warming at start could not list tenants", e);
      return;
    }
    int warmed = 0;
    for (Tenant tenant : all) {
      if (!tenant.active()) {
        continue;
      }
      try {
        long total = transactions.readInTenant(tenant.id(), memberships::count);
        if (total > maxTenantSize) {
          continue;
        }
        Registration registration = jobs.register(tenant.id(), total);
        if (registration.started()) {
          run(registration.job());
          warmed++;
        }
      } catch (RuntimeException e) {
        LOG.log(
            System.Logger.Level.WARNING, "Cache warming at start skipped tenant " + tenant.id(), e);
      }
    }
    LOG.log(System.Logger.Level.INFO, "Cache warming at start warmed " + warmed + " tenants");
  }

  /** A job's mutable progress; read by {@link #snapshot} from any thread. */
  private static final class Job {
    private final UUID id = UUID.randomUUID();
    private final TenantId tenantId;
    private final AtomicLong done = new AtomicLong();
    private volatile long total;
    private volatile State state = State.RUNNING;

    private Job(TenantId tenantId, long total) {
      this.tenantId = tenantId;
      this.total = total;
    }

    private void advance(int warmed) {
      done.addAndGet(warmed);
    }

    /** Members may have joined or left since the count: the final total is what was walked. */
    private void finish() {
      total = done.get();
      state = State.DONE;
    }

    private void fail() {
      state = State.FAILED;
    }

    private WarmJob snapshot() {
      // State first: once it reads DONE, the total written before it is the final one.
      State current = state;
      long warmed = done.get();
      return new WarmJob(id, tenantId, current, warmed, Math.max(total, warmed));
    }
  }

  /** A job and whether this registration started it (or found one running for the tenant). */
  private record Registration(Job job, boolean started) {}

  /** The newest jobs, by id; the oldest is forgotten beyond the bound. */
  private static final class JobTable {
    private final Map<UUID, Job> byId;

    JobTable(int capacity) {
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

    synchronized Job find(UUID id) {
      return byId.get(id);
    }
  }
}
