package io.warden.application.service;

import io.warden.application.port.driven.EffectivePermissions;
import io.warden.application.port.driven.MembershipRepository;
import io.warden.application.port.driven.TenantRepository;
import io.warden.application.port.driven.Transactions;
import io.warden.application.port.driving.CacheWarmingUseCase;
import io.warden.application.port.driving.Caller;
import io.warden.application.port.driving.NotFound;
import io.warden.domain.model.InvalidValueException;
import io.warden.domain.model.tenant.Tenant;
import io.warden.domain.model.tenant.TenantId;
import io.warden.domain.model.user.Membership;
import io.warden.domain.model.user.UserId;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Warms a tenant's permission caches by asking the outermost cache tier for every member's
 * permissions, one batch of members per database query.
 *
 * <p>Warming runs on the injected executor, never on the caller's thread, and is tracked as a job
 * in a bounded in-memory table ({@link WarmingJobs}): a client polling another instance behind the
 * load balancer sees a 404.
 */
public final class CacheWarmingService implements CacheWarmingUseCase {
  /** How many jobs, the newest, an instance remembers. */
  public static final int MAX_JOBS_KEPT = 1000;

  private static final System.Logger LOG = System.getLogger(CacheWarmingService.class.getName());

  private final ChangeTransactions changes;
  private final Transactions transactions;
  private final TenantRepository tenants;
  private final MembershipRepository memberships;
  private final EffectivePermissions effectivePermissions;
  private final CacheAccess access;
  private final Executor executor;
  private final int batchSize;
  private final WarmingJobs jobs = new WarmingJobs(MAX_JOBS_KEPT);

  /**
   * @param effectivePermissions the outermost cache tier: warming fills every tier below it
   * @param executor runs the warming jobs (bootstrap gives virtual threads)
   * @param batchSize members per {@link EffectivePermissions#ofAll} call ({@link ServiceSettings})
   */
  CacheWarmingService(
      ChangeTransactions changes,
      TenantRepository tenants,
      MembershipRepository memberships,
      EffectivePermissions effectivePermissions,
      CacheAccess access,
      Executor executor,
      int batchSize) {
    this.changes = changes;
    this.transactions = changes.transactions();
    this.tenants = tenants;
    this.memberships = memberships;
    this.effectivePermissions = effectivePermissions;
    this.access = access;
    this.executor = executor;
    this.batchSize = batchSize;
  }

  @Override
  public UUID warm(Caller caller, TenantId tenantId) {
    access.requireMayManage(caller, tenantId);
    // Warming changes no data, but it is an operator's action that loads the database: it is
    // audited like a flush, in a transaction of its own.
    long total =
        changes.inTenant(
            tenantId,
            c -> {
              access.requireTenant(tenantId);
              long members = memberships.count();
              c.audit(
                  Audit.by(caller, "cache.warm")
                      .target("tenantId", tenantId)
                      .detail("members", members));
              return members;
            });
    WarmingJobs.Registration registration = jobs.register(tenantId, total);
    if (registration.started()) {
      start(registration.job());
    }
    return registration.job().id();
  }

  @Override
  public WarmJob job(Caller caller, UUID jobId) {
    InvalidValueException.requirePresent(jobId, "jobId");
    Optional<TenantId> own =
        caller.systemAdmin()
            ? Optional.empty()
            : Optional.of(access.requireManagesOwnTenant(caller));
    return jobs.find(jobId)
        .filter(job -> own.map(tenant -> tenant.equals(job.tenantId())).orElse(true))
        .orElseThrow(() -> new NotFound("job not found"))
        .snapshot();
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

  private void start(WarmingJobs.Job job) {
    try {
      executor.execute(() -> run(job));
    } catch (RejectedExecutionException e) {
      LOG.log(
          System.Logger.Level.WARNING,
          "Warming job " + job.id() + " of tenant " + job.tenantId() + " could not be scheduled",
          e);
      job.fail();
    }
  }

  /**
   * Walks the members in pages of {@code batchSize}, each page read in a short transaction of its
   * own and warmed outside it, so no connection is held while the cache tiers work.
   */
  private void run(WarmingJobs.Job job) {
    TenantId tenant = job.tenantId();
    try {
      Optional<UserId> after = Optional.empty();
      while (true) {
        Optional<UserId> from = after;
        List<Membership> page =
            transactions.readInTenant(tenant, () -> memberships.page(from, batchSize));
        if (page.isEmpty()) {
          break;
        }
        List<UserId> ids = page.stream().map(Membership::userId).toList();
        effectivePermissions.ofAll(tenant, ids);
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
          "Warming job " + job.id() + " of tenant " + tenant + " failed",
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
        WarmingJobs.Registration registration = jobs.register(tenant.id(), total);
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
}
