package io.warden.application.service;

import io.warden.application.metering.MeteredAuthorization;
import io.warden.application.port.driven.DrivenPorts;
import io.warden.application.port.driven.FreshReads;
import io.warden.application.port.driven.InstanceRegistry;
import io.warden.application.port.driven.Metrics;
import io.warden.application.port.driven.QuotaStore;
import io.warden.application.port.driven.Revisions;
import io.warden.application.port.driving.AuthorizationUseCase;
import io.warden.application.port.driving.DrivingPorts;
import io.warden.application.port.driving.RateLimitUseCase.RateClass;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * The one place where the use cases are built: from the driven ports, the clock and the settings,
 * every service, wired to the parts it shares with others. Bootstrap and the in-memory test world
 * both call {@link #assemble}, so a service is constructed the same way in production and in tests,
 * and a new use case is added here once.
 */
public final class Services {
  private Services() {}

  /** Every use case over {@code ports}; the permission checks measured unless metrics are off. */
  public static DrivingPorts assemble(DrivenPorts ports, Clock clock, ServiceSettings settings) {
    return assemble(ports, clock, settings, StreamLimits.defaults());
  }

  /** The same, with these caps on the permission event streams. */
  public static DrivingPorts assemble(
      DrivenPorts ports, Clock clock, ServiceSettings settings, StreamLimits streamLimits) {
    ChangeTransactions changes =
        new ChangeTransactions(
            ports.transactions(),
            ports.changeJournal(),
            ports.cacheInvalidation(),
            ports.auditLog(),
            clock,
            Optional.of(ports.freshReads().permissions()));
    TokenIssuer issuer =
        new TokenIssuer(
            ports.tenants(),
            ports.sessions(),
            ports.tokenCodec(),
            settings.accessTokenTtl(),
            settings.refreshTokenTtl(),
            settings.sessionMaxLifetime());
    CacheAccess cacheAccess = new CacheAccess(ports.effectivePermissions(), ports.tenants());
    return new DrivingPorts(
        new LoginService(
            changes,
            ports.users(),
            ports.tenants(),
            ports.sessions(),
            ports.passwordHasher(),
            issuer,
            clock),
        new RequestAuthenticationService(ports.sessions(), ports.tokenCodec(), clock),
        new TenantSelectionService(ports.transactions(), ports.tenants(), issuer, clock),
        new TokenRefreshService(changes, ports.users(), ports.sessions(), issuer, clock),
        new LogoutService(changes, ports.users(), ports.sessions(), clock),
        new SessionManagementService(changes, ports.sessions(), clock),
        new SessionPurgeService(ports.transactions(), ports.sessions(), clock),
        new KeySetService(ports.tokenCodec()),
        authorization(ports, clock),
        new RoleAdministrationService(
            changes, ports.roles(), ports.permissions(), ports.effectivePermissions()),
        new MemberAdministrationService(
            changes,
            ports.memberships(),
            ports.users(),
            ports.roles(),
            ports.organizations(),
            ports.effectivePermissions(),
            clock),
        new InvitationService(
            changes,
            ports.invitations(),
            ports.memberships(),
            ports.users(),
            ports.tenants(),
            ports.roles(),
            ports.effectivePermissions(),
            clock,
            settings.invitationTtl()),
        new SystemAdministrationService(
            changes,
            ports.tenants(),
            ports.users(),
            ports.memberships(),
            ports.roles(),
            ports.permissions(),
            ports.sessions(),
            ports.passwordHasher(),
            clock),
        new ProvisioningService(
            changes,
            ports.users(),
            ports.tenants(),
            ports.memberships(),
            ports.roles(),
            ports.passwordHasher(),
            clock),
        new HealthService(ports.healthProbes(), ports.effectivePermissions()),
        new CacheWarmingService(
            changes,
            ports.tenants(),
            ports.memberships(),
            ports.effectivePermissions(),
            cacheAccess,
            ports.background(),
            settings.warmBatchSize()),
        new CacheFlushService(changes, cacheAccess),
        new ObservabilityService(
            ports.effectivePermissions(),
            ports.observation().metrics(),
            ports.observation().scrape(),
            ports.observation().breaker(),
            ports.observation().cacheTiers()),
        new OrganizationAdministrationService(
            changes, ports.organizations(), ports.memberships(), ports.effectivePermissions()),
        new AuditService(
            ports.transactions(),
            ports.auditLog(),
            new AccessGuard(ports.effectivePermissions()),
            clock),
        new ListingService(
            ports.transactions(),
            ports.tenants(),
            ports.users(),
            ports.roles(),
            ports.effectivePermissions()),
        new PermissionEventsService(
            ports.transactions(),
            ports.sessions(),
            ports.tokenCodec(),
            ports.eventTickets(),
            ports.effectivePermissions(),
            ports.userContexts(),
            clock,
            streamLimits));
  }

  /**
   * The rate limiter, built on its own because bootstrap runs its lifecycle (sweeping ended
   * windows, giving leased quota back at shutdown) and its health probe joins those {@link
   * #assemble} gets.
   *
   * @param limits requests per window of each class; 0 (or absent) disables the class
   * @param store the shared quota, empty for in-process limits
   * @param instances the live instances, what a limit is divided by while the store is away
   * @param nanoTime a monotonic clock in nanoseconds ({@code System::nanoTime})
   */
  public static RateLimitService rateLimits(
      Map<RateClass, Long> limits,
      Optional<QuotaStore> store,
      InstanceRegistry instances,
      LongSupplier nanoTime) {
    return new RateLimitService(limits, store, instances, nanoTime);
  }

  /** Measured from the use case's point of view; nothing wraps it when nothing is measured. */
  private static AuthorizationUseCase authorization(DrivenPorts ports, Clock clock) {
    FreshReads fresh = ports.freshReads();
    // Warden-Min-Revision: the same service over the source, for what the caches cannot vouch for.
    AuthorizationService readThrough =
        new AuthorizationService(
            ports.transactions(),
            fresh.permissions(),
            fresh.userContexts(),
            ports.roles(),
            clock,
            Revisions.UNCACHED,
            null);
    AuthorizationUseCase service =
        new AuthorizationService(
            ports.transactions(),
            ports.effectivePermissions(),
            ports.userContexts(),
            ports.roles(),
            clock,
            fresh.revisions(),
            readThrough);
    Metrics metrics = ports.observation().metrics();
    return metrics == Metrics.NONE ? service : new MeteredAuthorization(metrics, service);
  }
}
