package io.warden.bootstrap;

import io.helidon.webserver.WebServer;
import io.warden.adapter.driven.infinispan.InfinispanPermissionCache;
import io.warden.adapter.driven.infinispan.InfinispanTier;
import io.warden.adapter.driven.infinispan.L1CacheManager;
import io.warden.adapter.driven.postgres.PostgresPersistence;
import io.warden.adapter.driven.postgres.listen.PostgresInvalidationListener;
import io.warden.adapter.driven.redis.RedisL2;
import io.warden.adapter.driven.redis.RedisL2Settings;
import io.warden.adapter.driven.redis.RedisPermissionCache;
import io.warden.adapter.driven.redis.RedisTier;
import io.warden.adapter.driven.security.Argon2PasswordHasher;
import io.warden.adapter.driven.security.GatedPasswordHasher;
import io.warden.adapter.driven.security.JwtTokenCodec;
import io.warden.adapter.driving.http.ClientAddresses;
import io.warden.adapter.driving.http.CorsOptions;
import io.warden.adapter.driving.http.HttpOptions;
import io.warden.adapter.driving.http.WardenHttp;
import io.warden.application.port.driven.CacheInvalidation;
import io.warden.application.port.driven.DrivenPorts;
import io.warden.application.port.driven.EffectivePermissions;
import io.warden.application.port.driven.FreshReads;
import io.warden.application.port.driven.HealthProbe;
import io.warden.application.port.driven.TokenCodec;
import io.warden.application.port.driven.cache.CacheTier;
import io.warden.application.port.driven.cache.CacheablePorts;
import io.warden.application.port.driving.DrivingPorts;
import io.warden.application.service.RateLimitService;
import io.warden.application.service.Services;
import io.warden.domain.event.InvalidationScope;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * One running Warden instance: every adapter wired by hand around the use cases, the cache tiers
 * composed as a list in front of PostgreSQL ({@link CacheTiers}), and the HTTP server. Several
 * instances pointed at the same PostgreSQL and Redis form one logical service.
 */
public final class Warden implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(Warden.class.getName());

  /** The longest the Redis client started beside the phases waits for its first connection. */
  private static final Duration REDIS_CONNECT_PATIENCE = Duration.ofSeconds(2);

  private final Deque<AutoCloseable> resources;
  private final WebServer server;
  private final Components components;
  private final GracefulShutdown.Readiness readiness;

  private Warden(
      Deque<AutoCloseable> resources,
      WebServer server,
      Components components,
      GracefulShutdown.Readiness readiness) {
    this.resources = resources;
    this.server = server;
    this.components = components;
    this.readiness = readiness;
  }

  /**
   * What tests and tools may reach into: the wired parts of a running instance; {@code cacheTiers}
   * innermost first.
   */
  public record Components(
      PostgresPersistence persistence,
      EffectivePermissions permissions,
      Optional<InfinispanPermissionCache> l1,
      Optional<RedisPermissionCache> l2,
      Optional<RedisL2> redis,
      List<CacheTier> cacheTiers,
      PostgresInvalidationListener listener,
      DrivingPorts useCases) {}

  /** Starts an instance; on failure everything started so far is stopped again. */
  public static Warden start(WardenConfig config) {
    return start(config, Clock.systemUTC());
  }

  public static Warden start(WardenConfig config, Clock clock) {
    return start(config, clock, StartUpPhases.begin());
  }

  /** The same, with the start-up phases timed from {@code phases} on. */
  static Warden start(WardenConfig config, Clock clock, StartUpPhases phases) {
    Objects.requireNonNull(config, "config");
    Deque<AutoCloseable> resources = new ArrayDeque<>();
    try {
      return assemble(config, clock, resources, phases);
    } catch (RuntimeException | Error e) {
      closeAll(resources);
      throw e;
    }
  }

  private static Warden assemble(
      WardenConfig config, Clock clock, Deque<AutoCloseable> resources, StartUpPhases phases) {
    // What needs nothing that the start builds begins at once, beside the database phase, and is
    // taken where it is needed (before the port opens): L1's cache manager, L2's Redis client and
    // the password hasher (whose constructor computes its dummy hash) cost mostly class loading
    // and initialization, which a second core does meanwhile.
    StartedBeside<Argon2PasswordHasher> hasher =
        beside(resources, phases, "password hasher", Argon2PasswordHasher::new, started -> {});
    Supplier<L1CacheManager> l1Manager = L1CacheManager::start;
    if (CacheTiers.l1(config)) {
      l1Manager =
          beside(
                  resources,
                  phases,
                  "l1 cache manager",
                  L1CacheManager::start,
                  L1CacheManager::close)
              ::take;
    }
    Optional<RedisL2Settings> l2Settings = CacheTiers.l2(config);
    Supplier<RedisL2> l2Connection = () -> RedisL2.connect(l2Settings.orElseThrow());
    if (l2Settings.isPresent()) {
      l2Connection =
          beside(
                  resources,
                  phases,
                  "redis client",
                  () -> {
                    RedisL2 connecting = RedisL2.connect(l2Settings.get());
                    // Off the critical path: the first connect, retried once if it failed (a
                    // busy start can time it out), so that a ready instance normally has L2.
                    connecting.awaitConnected(REDIS_CONNECT_PATIENCE);
                    return connecting;
                  },
                  RedisL2::close)
              ::take;
    }
    PostgresPersistence persistence = Database.start(config, clock, resources, phases);
    // The signing keys need only the database: loaded (and unsealed) beside the rate limits and
    // the invalidation channels, taken before the token codec is built.
    StartedBeside<SigningKeyLifecycle> startedKeys =
        beside(
            resources,
            phases,
            "signing keys",
            () ->
                SigningKeyLifecycle.start(
                    config, persistence.signingKeys(), clock, config.dbUrl().isEmpty()),
            started -> {});
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
                config,
                channels.feed(),
                persistence.cacheEpochs(),
                clock,
                new CacheTiers.Foundations(l1Manager, l2Connection)),
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
    if (!listener.awaitFirstConnection(Duration.ofSeconds(10))) {
      LOG.log(
          System.Logger.Level.WARNING,
          "The invalidation LISTEN connection is not up yet: serving in degraded mode");
    }
    phases.done("invalidation listener");

    GatedPasswordHasher passwords =
        new GatedPasswordHasher(
            hasher.take(),
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

    HttpOptions httpOptions =
        observability
            .httpOptions(HttpOptions.defaults().withTls(config.tls()), config)
            .withRateLimits(
                observability.rateLimits(rateLimits),
                ClientAddresses.trusting(config.trustedProxies()))
            .withCors(new CorsOptions(config.web().corsOrigins(), config.web().corsMaxAge()));
    WebServer server =
        WebServer.builder()
            .port(config.port())
            // GracefulShutdown stops the server: readiness first, then the requests in flight.
            .shutdownHook(false)
            .shutdownGracePeriod(GracefulShutdown.inFlightGrace(config.shutdownGrace()))
            .update(builder -> observability.managementPort(builder, config, useCases, httpOptions))
            .update(WardenHttp::configure)
            .update(
                builder -> {
                  if (config.tls()) {
                    WardenHttp.configureTls(builder, config.tlsCert().get(), config.tlsKey().get());
                  }
                })
            .routing(routing -> WardenHttp.routing(routing, useCases, httpOptions))
            .build()
            .start();
    resources.push(server::stop);
    // Closed first (a stack): the open event streams end before the server waits for the requests
    // in flight, which they would otherwise hold until its grace ran out.
    resources.push(useCases.permissionEvents()::endAll);
    phases.done("http server");
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
        new Components(
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

  /**
   * Begins {@code start} beside the phases ({@link StartedBeside}); pushed onto {@code resources}
   * at once, so that a start failing before taking it stops it again.
   */
  private static <T> StartedBeside<T> beside(
      Deque<AutoCloseable> resources,
      StartUpPhases phases,
      String name,
      Supplier<T> start,
      StartedBeside.Closer<T> closer) {
    StartedBeside<T> started = StartedBeside.begin(name, start, closer, phases);
    resources.push(started);
    return started;
  }

  public int port() {
    return server.port();
  }

  /** The management port ({@code WARDEN_MANAGEMENT_PORT}), if one is open. */
  public Optional<Integer> managementPort() {
    int port = server.port(WardenHttp.MANAGEMENT_SOCKET);
    return port > 0 ? Optional.of(port) : Optional.empty();
  }

  public Components components() {
    return components;
  }

  /** Whether {@code /health} reports this instance ready, and the switch to draining. */
  GracefulShutdown.Readiness readiness() {
    return readiness;
  }

  /** Stops the server and every adapter, in the reverse order of their start. */
  @Override
  public void close() {
    closeAll(resources);
  }

  private static void closeAll(Deque<AutoCloseable> resources) {
    while (!resources.isEmpty()) {
      AutoCloseable resource = resources.pop();
      try {
        resource.close();
      } catch (Exception e) {
        LOG.log(System.Logger.Level.WARNING, "Error while stopping " + resource, e);
      }
    }
  }
}
