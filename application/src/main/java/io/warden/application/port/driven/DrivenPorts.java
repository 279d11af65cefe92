package io.warden.application.port.driven;

import java.util.List;
import java.util.concurrent.Executor;

/**
 * Everything the use cases need from outside, in one value: bootstrap fills it with the real
 * adapters (the cacheable ports already behind their cache tiers), the in-memory test world with
 * fakes, and {@code Services.assemble} builds every use case from it.
 *
 * @param sessions session states behind the cache tiers; the same port also stores sessions
 * @param auditLog the audit trail, written in the transactions of the changes it records
 * @param effectivePermissions the outermost cache tier of effective permissions
 * @param healthProbes every dependency {@code /health} asks
 * @param observation what the use cases record into and report on; {@link Observation#NONE}
 * @param background runs background jobs (cache warming); bootstrap gives virtual threads
 * @param organizations the organization trees of the tenants and their members
 * @param eventTickets the single-use tickets of the permission event streams
 * @param freshReads what answers a request asking for at least a revision: the source behind the
 *     cache tiers, and how fresh the tiers are
 */
public record DrivenPorts(
    Transactions transactions,
    UserRepository users,
    TenantRepository tenants,
    MembershipRepository memberships,
    InvitationRepository invitations,
    RoleRepository roles,
    PermissionRepository permissions,
    SessionRepository sessions,
    PasswordHasher passwordHasher,
    TokenCodec tokenCodec,
    ChangeJournal changeJournal,
    AuditLog auditLog,
    CacheInvalidation cacheInvalidation,
    EffectivePermissions effectivePermissions,
    UserContexts userContexts,
    List<HealthProbe> healthProbes,
    Observation observation,
    Executor background,
    OrganizationRepository organizations,
    EventTickets eventTickets,
    FreshReads freshReads) {

  public DrivenPorts {
    healthProbes = List.copyOf(healthProbes);
  }

  /**
   * The observability ports: where the use cases record ({@link Metrics#NONE} measures nothing, and
   * then no use case is wrapped to measure), the metrics' exposition, the shared tier's circuit
   * breaker, and one probe per configured cache tier, named as the tier ({@code l1}, {@code l2}).
   */
  public record Observation(
      Metrics metrics, MetricsScrape scrape, BreakerState breaker, List<HealthProbe> cacheTiers) {
    /** Nothing measured, nothing to scrape, no shared tier. */
    public static final Observation NONE =
        new Observation(
            Metrics.NONE,
            new MetricsScrape() {
              @Override
              public String contentType() {
                return "text/plain; version=0.0.4; charset=utf-8";
              }

              @Override
              public String scrape() {
                return "";
              }
            },
            BreakerState.DISABLED,
            List.of());

    public Observation {
      cacheTiers = List.copyOf(cacheTiers);
    }
  }
}
