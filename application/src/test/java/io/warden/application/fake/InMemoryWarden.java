package io.warden.application.fake;

import io.warden.application.port.driven.DrivenPorts;
import io.warden.application.port.driven.DrivenPorts.Observation;
import io.warden.application.port.driven.FreshReads;
import io.warden.application.port.driving.AuthorizationUseCase;
import io.warden.application.port.driving.CacheFlushUseCase;
import io.warden.application.port.driving.CacheWarmingUseCase;
import io.warden.application.port.driving.Caller;
import io.warden.application.port.driving.DrivingPorts;
import io.warden.application.port.driving.HealthUseCase;
import io.warden.application.port.driving.KeySetUseCase;
import io.warden.application.port.driving.LoginUseCase;
import io.warden.application.port.driving.LoginUseCase.LoginCommand;
import io.warden.application.port.driving.LoginUseCase.LoginResult;
import io.warden.application.port.driving.LogoutUseCase;
import io.warden.application.port.driving.MemberAdministrationUseCase;
import io.warden.application.port.driving.ProvisioningUseCase;
import io.warden.application.port.driving.RequestAuthenticationUseCase;
import io.warden.application.port.driving.RequestAuthenticationUseCase.Authentication;
import io.warden.application.port.driving.RoleAdministrationUseCase;
import io.warden.application.port.driving.SystemAdministrationUseCase;
import io.warden.application.port.driving.SystemAdministrationUseCase.CreateUser;
import io.warden.application.port.driving.SystemAdministrationUseCase.UpdateUser;
import io.warden.application.port.driving.TenantSelectionUseCase;
import io.warden.application.port.driving.TokenPair;
import io.warden.application.port.driving.TokenRefreshUseCase;
import io.warden.application.port.driving.Unauthenticated;
import io.warden.application.service.ServiceSettings;
import io.warden.application.service.Services;
import io.warden.domain.model.tenant.Tenant;
import io.warden.domain.model.user.Email;
import io.warden.domain.model.user.User;
import io.warden.testing.MutableClock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Every use case of Warden, assembled by {@link Services#assemble} as in production, over the
 * in-memory fakes, with a clock the test moves, and a few fixtures (users, tenants, members,
 * logged-in callers) built through the services themselves, so a fixture obeys the same rules as a
 * request.
 */
public final class InMemoryWarden {
  /** The password of every user a fixture creates. */
  public static final String PASSWORD = "correct horse battery staple";

  public static final Instant START = Instant.parse("2026-01-05T09:00:00Z");
  public static final String ROOT_EMAIL = "root@warden.test";

  private final MutableClock clock;
  private final InMemoryStore store = new InMemoryStore();
  private final FakeTransactions transactions = new FakeTransactions(store);
  private final InMemoryTenantRepository tenants = new InMemoryTenantRepository(store);
  private final InMemoryUserRepository users = new InMemoryUserRepository(store);
  private final InMemoryMembershipRepository memberships = new InMemoryMembershipRepository(store);
  private final InMemoryRoleRepository roles = new InMemoryRoleRepository(store);
  private final InMemoryPermissionRepository permissions = new InMemoryPermissionRepository(store);
  private final InMemorySessionRepository sessions = new InMemorySessionRepository(store);
  private final InMemorySigningKeyRepository signingKeys =
      new InMemorySigningKeyRepository(store, transactions);
  private final InMemoryChangeJournal journal = new InMemoryChangeJournal(store);
  private final InMemoryOrganizationRepository organizations =
      new InMemoryOrganizationRepository(store);
  private final InMemoryAuditLog auditLog = new InMemoryAuditLog(store);
  private final RecordingCacheInvalidation invalidation = new RecordingCacheInvalidation(store);
  private final InMemoryCacheEpochs cacheEpochs = new InMemoryCacheEpochs(store);
  private final FakeInvalidationFeed invalidationFeed = new FakeInvalidationFeed();
  private final FakePasswordHasher passwordHasher = new FakePasswordHasher();
  private final FakeTokenCodec tokenCodec = new FakeTokenCodec();
  private final FakeHealthProbe databaseProbe = new FakeHealthProbe("database", true);
  private final FakeHealthProbe redisProbe = new FakeHealthProbe("redis", false);
  private final FakeHealthProbe invalidationProbe = new FakeHealthProbe("invalidation", false);
  private final InMemoryEffectivePermissions effectivePermissions;

  private final DrivingPorts useCases;

  private Caller root;

  public InMemoryWarden() {
    this(new MutableClock(START), ServiceSettings.defaults(), Observation.NONE);
  }

  /**
   * With the test's own clock, settings and observation (metrics recorded and reported through
   * {@code observation}; {@link Observation#NONE} measures nothing).
   */
  public InMemoryWarden(MutableClock clock, ServiceSettings settings, Observation observation) {
    this.clock = clock;
    this.effectivePermissions = new InMemoryEffectivePermissions(store, clock);
    InMemoryUserContexts userContexts =
        new InMemoryUserContexts(store, transactions, clock, Optional.of(organizations));
    // Warming jobs run on the requesting thread: a job has finished when warm() returns, so tests
    // read its outcome without waiting. Tests of the jobs themselves build their own executor.
    this.useCases =
        Services.assemble(
            new DrivenPorts(
                transactions,
                users,
                tenants,
                memberships,
                new InMemoryInvitationRepository(store),
                roles,
                permissions,
                sessions,
                passwordHasher,
                tokenCodec,
                journal,
                auditLog,
                invalidation,
                effectivePermissions,
                userContexts,
                List.of(databaseProbe, redisProbe, invalidationProbe),
                observation,
                Runnable::run,
                organizations,
                new InMemoryEventTickets(),
                // No cache tiers here: the ports are the source, every revision is applied.
                FreshReads.uncached(effectivePermissions, userContexts)),
            clock,
            settings);
  }

  // ---- fixtures ----

  /**
   * A tenant-less caller of the system administrator {@value #ROOT_EMAIL}, created on first use.
   */
  public synchronized Caller root() {
    if (root == null) {
      provisioning().ensureSystemAdmin(ROOT_EMAIL, PASSWORD, "Root");
      root = login(ROOT_EMAIL);
    }
    return root;
  }

  /** A new active user, not a system administrator, with {@link #PASSWORD}. */
  public User createUser(String email) {
    return systemAdministration()
        .createUser(root(), new CreateUser(email, PASSWORD, displayNameOf(email), false));
  }

  /** A new active system administrator with {@link #PASSWORD}. */
  public User createSystemAdmin(String email) {
    return systemAdministration()
        .createUser(root(), new CreateUser(email, PASSWORD, displayNameOf(email), true));
  }

  /** Deactivates {@code user} as the system administrator does (its sessions end with it). */
  public void deactivate(User user) {
    systemAdministration()
        .updateUser(
            root(),
            user.id(),
            new UpdateUser(Optional.empty(), Optional.of(false), Optional.empty()));
  }

  /** A new active tenant (with its built-in {@code admin} role) named after its slug. */
  public Tenant createTenant(String slug) {
    return systemAdministration().createTenant(root(), slug, "Tenant " + slug);
  }

  /**
   * A new active tenant, as {@link #createTenant}, with an active member {@code
   * admin@<slug>.example} holding its built-in {@code admin} role.
   */
  public Tenant createTenantWithAdmin(String slug) {
    Tenant tenant = createTenant(slug);
    addMember(tenant, createUser("admin@" + slug + ".example"), "admin");
    return tenant;
  }

  /** Makes {@code user} an active member of {@code tenant} holding the named roles. */
  public void addMember(Tenant tenant, User user, String... roleNames) {
    systemAdministration()
        .addTenantMember(root(), tenant.id(), user.id(), Arrays.asList(roleNames));
  }

  /** A new user made an active member of {@code tenant} holding the named roles, logged in. */
  public Caller loginAsNewMember(Tenant tenant, String email, String... roleNames) {
    addMember(tenant, createUser(email), roleNames);
    return login(email);
  }

  /**
   * Logs in with {@link #PASSWORD}; a refused login is an {@link Unauthenticated}, as a driving
   * adapter would answer it.
   */
  public LoginResult.Success loginResult(String email) {
    return switch (login().login(new LoginCommand(email, PASSWORD, "127.0.0.1"))) {
      case LoginResult.Success success -> success;
      case LoginResult.Refused refused -> throw new Unauthenticated(refused.failure().detail());
    };
  }

  /** Logs in and authenticates the access token (tenant-scoped only with exactly one tenant). */
  public Caller login(String email) {
    return authenticate(loginResult(email).tokens());
  }

  /** Logs in and selects {@code tenant}. */
  public Caller loginTo(Tenant tenant, String email) {
    return authenticate(tenantSelection().selectTenant(login(email), tenant.id()));
  }

  public Caller authenticate(TokenPair tokens) {
    return caller(tokens.accessToken());
  }

  /**
   * The caller of an access token; a rejected token is an {@link Unauthenticated}, as a driving
   * adapter would answer it.
   */
  public Caller caller(String accessToken) {
    return switch (requestAuthentication().authenticate(accessToken)) {
      case Authentication.Authenticated authenticated -> authenticated.caller();
      case Authentication.Rejected rejected ->
          throw new Unauthenticated(rejected.failure().detail());
    };
  }

  private static String displayNameOf(String email) {
    String normalised = new Email(email).value();
    return normalised.substring(0, normalised.indexOf('@'));
  }

  // ---- the parts ----

  public MutableClock clock() {
    return clock;
  }

  public InMemoryStore store() {
    return store;
  }

  public FakeTransactions transactions() {
    return transactions;
  }

  public InMemoryTenantRepository tenants() {
    return tenants;
  }

  public InMemoryUserRepository users() {
    return users;
  }

  public InMemoryMembershipRepository memberships() {
    return memberships;
  }

  public InMemoryRoleRepository roles() {
    return roles;
  }

  public InMemoryPermissionRepository permissions() {
    return permissions;
  }

  public InMemorySessionRepository sessions() {
    return sessions;
  }

  public InMemorySigningKeyRepository signingKeys() {
    return signingKeys;
  }

  public InMemoryOrganizationRepository organizations() {
    return organizations;
  }

  public InMemoryChangeJournal journal() {
    return journal;
  }

  /** The audit trail every change writes into. */
  public InMemoryAuditLog auditLog() {
    return auditLog;
  }

  public RecordingCacheInvalidation invalidation() {
    return invalidation;
  }

  public InMemoryCacheEpochs cacheEpochs() {
    return cacheEpochs;
  }

  public FakeInvalidationFeed invalidationFeed() {
    return invalidationFeed;
  }

  public FakePasswordHasher passwordHasher() {
    return passwordHasher;
  }

  public FakeTokenCodec tokenCodec() {
    return tokenCodec;
  }

  public InMemoryEffectivePermissions effectivePermissions() {
    return effectivePermissions;
  }

  public FakeHealthProbe databaseProbe() {
    return databaseProbe;
  }

  public FakeHealthProbe redisProbe() {
    return redisProbe;
  }

  public FakeHealthProbe invalidationProbe() {
    return invalidationProbe;
  }

  /** Every use case, as a driving adapter gets them. */
  public DrivingPorts useCases() {
    return useCases;
  }

  public LoginUseCase login() {
    return useCases.login();
  }

  public RequestAuthenticationUseCase requestAuthentication() {
    return useCases.requestAuthentication();
  }

  public TenantSelectionUseCase tenantSelection() {
    return useCases.tenantSelection();
  }

  public TokenRefreshUseCase tokenRefresh() {
    return useCases.tokenRefresh();
  }

  public LogoutUseCase logout() {
    return useCases.logout();
  }

  public KeySetUseCase keySet() {
    return useCases.keySet();
  }

  public AuthorizationUseCase authorization() {
    return useCases.authorization();
  }

  public RoleAdministrationUseCase roleAdministration() {
    return useCases.roleAdministration();
  }

  public MemberAdministrationUseCase memberAdministration() {
    return useCases.memberAdministration();
  }

  public SystemAdministrationUseCase systemAdministration() {
    return useCases.systemAdministration();
  }

  public ProvisioningUseCase provisioning() {
    return useCases.provisioning();
  }

  public HealthUseCase health() {
    return useCases.health();
  }

  public CacheWarmingUseCase cacheWarming() {
    return useCases.cacheWarming();
  }

  public CacheFlushUseCase cacheFlush() {
    return useCases.cacheFlush();
  }
}
