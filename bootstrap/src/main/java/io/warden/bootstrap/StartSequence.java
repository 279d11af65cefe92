package io.warden.bootstrap;

import io.helidon.webserver.WebServer;
import io.warden.adapter.driven.infinispan.InfinispanTier;
import io.warden.adapter.driven.postgres.PostgresPersistence;
import io.warden.adapter.driven.postgres.listen.PostgresInvalidationListener;
import io.warden.adapter.driven.redis.RedisL2;
import io.warden.adapter.driven.redis.RedisTier;
import io.warden.adapter.driven.security.Argon2PasswordHasher;
import io.warden.adapter.driven.security.GatedPasswordHasher;
import io.warden.adapter.driven.security.JwtTokenCodec;
import io.warden.application.port.driven.CacheInvalidation;
import io.warden.application.port.driven.DrivenPorts;
import io.warden.application.port.driven.FreshReads;
import io.warden.application.port.driven.HealthProbe;
import io.warden.application.port.driven.TokenCodec;
import io.warden.application.port.driven.cache.CacheablePorts;
import io.warden.application.port.driving.DrivingPorts;
import io.warden.application.service.RateLimitService;
import io.warden.application.service.Services;
import io.warden.domain.event.InvalidationScope;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The start of one instance, phase by phase, each timed ({@link StartUpPhases}): the database, the
 * rate limits and invalidation channels, the signing keys, the cache tiers over the database, the
 * invalidation listener, the use cases ({@link Services#assemble}), provisioning, and last the HTTP
 * server ({@link WardenServer}), so that the port opens only when everything behind it is ready.
 * Every part is pushed onto the resources as it starts, so that {@link Warden} closes them in the
 * reverse order, also when a later phase fails.
 */
final class StartSequence {
  private static final System.Logger LOG = System.getLogger(StartSequence.class.getName());

  /** How long the start waits for the invalidation {@code LISTEN} connection before serving. */
  private static final Duration LISTENER_PATIENCE = Duration.ofSeconds(10);

  private StartSequence() {}

  /** Runs the phases; what it starts is pushed onto {@code resources}, which the caller closes. */
  static Warden run(
      WardenConfig config, Clock clock, Deque<AutoCloseable> resources, StartUpPhases phases) {
    // What needs nothing that the start builds begins at once, beside the database phase, and is
    // taken where it is needed (before the port opens): L1's cache manager and L2's Redis client
    // cost mostly class loading and initialization, which a second core does meanwhile. The
    // password hasher is not needed to serve checks: it is built once the port is open
    // (DeferredPasswordHasher), its first, interpreted Argon2 hash no longer taking a core from
    // the start.
    DeferredPasswordHasher hasher = new DeferredPasswordHasher(Argon2PasswordHasher::new);
    CacheTiers.Foundations foundations = CacheTiers.beginFoundations(config, resources, phases);
    PostgresPersistence persistence = Database.start(config, clock, resources, phases);
    // The signing keys need only the database: loaded (and unsealed) beside the rate limits and
    // the invalidation channels, taken before the token codec is built.
    StartedBeside<SigningKeyLifecycle> startedKeys =
        StartedBeside.begin(
            "signing keys",
            () ->
                SigningKeyLifecycle.start(
                    config, persistence.signingKeys(), clock, config.dbUrl().isEmpty()),
            started -> {},
            phases,
            resources);
    ScheduledExecutorService scheduler =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("warden-scheduler").factory());
    resources.push(scheduler::shutdownNow);
    Observability observability = new Observability(clock, config.observability().metrics());

    List<HealthProbe> probes = new ArrayList<>();
    RateLimitService rateLimits = RateLimiting.start(config, persistence, scheduler, resources);
    PostgresInvalidationListener listener =
        PostgresInvalidationListener.create(persistence, config.stalenessBound());
    resources.push(listener);
    InvalidationChannels channels = InvalidationChannels.create(config, persistence, listener);
    resources.push(channels);
    probes.addAll(channels.healthProbes(persistence.healthProbe()));
    probes.add(rateLimits.healthProbe());
    GracefulShutdown.Readiness readiness = new GracefulShutdown.Readiness();
    probes.add(readiness.probe());
    phases.done("rate limits and invalidation channels");

    SigningKeyLifecycle keyLifecycle = startedKeys.take();
    scheduler.scheduleWithFixedDelay(keyLifecycle::maintain, 30, 30, TimeUnit.SECONDS);
    TokenCodec tokens =
        new JwtTokenCodec(keyLifecycle.keys(), config.jwtIssuer(), config.jwtAudience());
    phases.done("waiting for the signing keys");

    CacheTiers tiers =
        CacheTiers.build(
            CacheTiers.configured(
                config, channels.feed(), persistence.cacheEpochs(), clock, foundations),
            observability.source(
                new CacheablePorts(
                    persistence.effectivePermissions(),
                    persistence.sessions(),
                    persistence.userContexts(),
                    tokens)),
            observability::meter,
            resources,
            phases);
    probes.addAll(tiers.healthProbes());
    // A retired signing key's cached tokens leave L1 at once (SigningKeyLifecycle).
    tiers.tier(InfinispanTier.class).ifPresent(l1 -> keyLifecycle.attach(l1.tokens()));
    // The event streams hear of every change once the tiers evicted it; they exist only once the
    // services do, so the feed reaches them through this late link (before: no stream is open).
    LiveEventsLink events = new LiveEventsLink();
    CacheInvalidation invalidation =
        channels.start(
            tiers,
            observability.invalidation(
                new TieredInvalidation(List.of(tiers.invalidation(), keyLifecycle, events))),
            version -> {
              tiers.resynchronize(version);
              // While the feed was away a key may have retired: re-read the keys too.
              keyLifecycle.invalidate(new InvalidationScope.Everything(), version);
              events.invalidate(new InvalidationScope.Everything(), version);
            },
            scheduler);
    Optional<RedisL2> redis = tiers.tier(RedisTier.class).map(RedisTier::connection);
    observability.cacheTiers(tiers.tiers(), listener);
    if (!listener.awaitFirstConnection(LISTENER_PATIENCE)) {
      LOG.log(
          System.Logger.Level.WARNING,
          "The invalidation LISTEN connection is not up yet: serving in degraded mode");
    }
    phases.done("invalidation listener");

    GatedPasswordHasher passwords =
        new GatedPasswordHasher(
            hasher,
            new GatedPasswordHasher.Limits(
                config.loginHashPermits(), config.loginHashQueue(), config.loginHashMaxWait()));
    resources.push(passwords::close);
    ExecutorService background = Executors.newVirtualThreadPerTaskExecutor();
    resources.push(background::shutdownNow);
    CacheablePorts cached = tiers.ports();
    DrivingPorts useCases =
        Services.assemble(
            new DrivenPorts(
                persistence.transactions(),
                persistence.users(),
                persistence.tenants(),
                persistence.memberships(),
                persistence.invitations(),
                persistence.roles(),
                persistence.permissions(),
                cached.sessions(),
                passwords,
                cached.tokens(),
                channels.journal(persistence.changeJournal()),
                persistence.auditLog(),
                invalidation,
                cached.permissions(),
                cached.userContexts(),
                probes,
                observability.observation(redis),
                background,
                persistence.organizations(),
                persistence.eventTickets(),
                // Warden-Min-Revision: past the tiers, the database itself.
                tiers.isEmpty()
                    ? FreshReads.uncached(cached.permissions(), cached.userContexts())
                    : new FreshReads(
                        channels.revisions(config.web().minRevisionWait()),
                        persistence.effectivePermissions(),
                        persistence.userContexts())),
            clock,
            config.serviceSettings(),
            config.streamLimits());
    events.attach(useCases.permissionEvents(), config.eventsHeartbeat(), scheduler);
    SessionPurging.schedule(config.sessionPurgeInterval(), useCases.sessionPurge(), scheduler);
    observability.watch(persistence, listener, redis);
    phases.done("services");
    Provisioning.run(config, useCases.provisioning());
    AuditRetention.start(useCases.audit(), config.auditRetention(), scheduler);
    phases.done("provisioning");

    WebServer server = WardenServer.start(config, observability, rateLimits, useCases);
    resources.push(server::stop);
    // Closed first (a stack): the open event streams end before the server waits for the requests
    // in flight, which they would otherwise hold until its grace ran out.
    resources.push(useCases.permissionEvents()::endAll);
    phases.done("http server");
    hasher.startBuilding();
    LOG.log(
        System.Logger.Level.INFO,
        "Warden listening on port {0,number,#} ({1})",
        server.port(),
        config.tls() ? "HTTPS" : "plain HTTP");
    LOG.log(System.Logger.Level.INFO, phases.summary());
    if (config.warmMaxTenantSize() > 0 && !tiers.isEmpty()) {
      useCases.cacheWarming().warmOnStart(config.warmMaxTenantSize());
    }
    return new Warden(
        resources,
        server,
        new Warden.Components(
            persistence,
            cached.permissions(),
            tiers.tier(InfinispanTier.class).map(InfinispanTier::permissions),
            tiers.tier(RedisTier.class).map(RedisTier::permissions),
            redis,
            tiers.tiers(),
            listener,
            useCases),
        readiness);
  }
}
