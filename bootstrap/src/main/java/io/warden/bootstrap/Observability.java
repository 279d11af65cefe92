package io.warden.bootstrap;

import io.helidon.webserver.WebServerConfig;
import io.warden.adapter.driven.metrics.PrometheusMetrics;
import io.warden.adapter.driven.metrics.RecordedMetrics;
import io.warden.adapter.driven.postgres.PostgresPersistence;
import io.warden.adapter.driven.postgres.listen.PostgresInvalidationListener;
import io.warden.adapter.driven.redis.RedisL2;
import io.warden.adapter.driving.http.HttpOptions;
import io.warden.adapter.driving.http.RequestObserver;
import io.warden.adapter.driving.http.WardenHttp;
import io.warden.application.metering.MeteredInvalidation;
import io.warden.application.metering.MeteredPermissions;
import io.warden.application.metering.MeteredRateLimits;
import io.warden.application.metering.MeteredSessions;
import io.warden.application.metering.MeteredTokens;
import io.warden.application.metering.MeteredUserContexts;
import io.warden.application.port.driven.BreakerState;
import io.warden.application.port.driven.CacheInvalidation;
import io.warden.application.port.driven.DrivenPorts;
import io.warden.application.port.driven.EffectivePermissions;
import io.warden.application.port.driven.HealthProbe;
import io.warden.application.port.driven.Metrics;
import io.warden.application.port.driven.Metrics.Operation;
import io.warden.application.port.driven.Metrics.Tier;
import io.warden.application.port.driven.SessionRepository;
import io.warden.application.port.driven.TokenCodec;
import io.warden.application.port.driven.UserContexts;
import io.warden.application.port.driven.cache.CacheTier;
import io.warden.application.port.driven.cache.CacheablePorts;
import io.warden.application.port.driving.DrivingPorts;
import io.warden.application.port.driving.HealthUseCase.Check;
import io.warden.application.port.driving.HealthUseCase.Status;
import io.warden.application.port.driving.RateLimitUseCase;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;

/**
 * The wiring of issue #8 in one place, so that {@link StartSequence} calls it in single lines: the
 * metrics, the decorators that measure each tier, the gauges of {@code /metrics}, and what the
 * observability use case reads. Each {@code tier(…)} call wraps one tier as it is built, innermost
 * first, and records the chain so that hits and misses mean the configured tiers.
 */
final class Observability {
  /** The requests timed as the {@code check} and {@code batch check} operations (docs/api.md). */
  static final String CHECK_PATH = "/api/authz/check";

  static final String BATCH_CHECK_PATH = "/api/authz/check-batch";

  private final RecordedMetrics metrics;
  private final PrometheusMetrics prometheus;
  private final boolean enabled;
  private final Map<Operation, List<Tier>> chains = new EnumMap<>(Operation.class);
  private final LongAdder requests = new LongAdder();
  private final List<HealthProbe> cacheTiers = new ArrayList<>();
  private final List<CacheTier> tiers = new ArrayList<>();

  /**
   * @param enabled false: nothing is measured ({@link Metrics#NONE}), the benchmarks' baseline;
   *     {@code /metrics} still serves the JVM and gauges
   */
  Observability(Clock clock, boolean enabled) {
    this.metrics = new RecordedMetrics(clock);
    this.prometheus = new PrometheusMetrics(metrics);
    this.enabled = enabled;
  }

  /** Where recording goes: {@link Metrics#NONE} when disabled. */
  Metrics metrics() {
    return enabled ? metrics : Metrics.NONE;
  }

  /** The ports the last tier handed on (the source before the first), for {@link #meter}. */
  private @Nullable CacheablePorts handedOn;

  /** The source of truth, measured: the database, and the signature check of tokens. */
  CacheablePorts source(CacheablePorts source) {
    handedOn =
        new CacheablePorts(
            permissions(Tier.DATABASE, source.permissions()),
            sessions(Tier.DATABASE, source.sessions()),
            userContexts(Tier.DATABASE, source.userContexts()),
            tokens(Tier.SIGNATURE, source.tokens()));
    return handedOn;
  }

  /**
   * One cache tier's ports, measured: only those the tier decorates ({@code ports} differs from
   * what the tier was built over, the ports handed on before); a port it passes through is not one
   * of its tiers. Called by {@link CacheTiers#build} for each tier, innermost first.
   */
  CacheablePorts meter(CacheTier cacheTier, CacheablePorts ports) {
    CacheablePorts next = handedOn;
    if (next == null) {
      throw new IllegalStateException("source(...) measures the source before any tier");
    }
    CacheablePorts metered = meter(cacheTier, next, ports);
    handedOn = metered;
    return metered;
  }

  private CacheablePorts meter(CacheTier cacheTier, CacheablePorts next, CacheablePorts ports) {
    Tier tier =
        switch (cacheTier.name()) {
          case "l1" -> Tier.L1;
          case "l2" -> Tier.L2;
          default -> null;
        };
    if (tier == null) {
      return ports;
    }
    return new CacheablePorts(
        ports.permissions() == next.permissions()
            ? ports.permissions()
            : permissions(tier, ports.permissions()),
        ports.sessions() == next.sessions() ? ports.sessions() : sessions(tier, ports.sessions()),
        ports.userContexts() == next.userContexts()
            ? ports.userContexts()
            : userContexts(tier, ports.userContexts()),
        ports.tokens() == next.tokens() ? ports.tokens() : tokens(tier, ports.tokens()));
  }

  private EffectivePermissions permissions(Tier tier, EffectivePermissions next) {
    chain(Operation.PERMISSION_LOAD, tier);
    chain(Operation.BATCH_PERMISSION_LOAD, tier);
    return enabled ? new MeteredPermissions(metrics, tier, next) : next;
  }

  private UserContexts userContexts(Tier tier, UserContexts next) {
    chain(Operation.USER_CONTEXT, tier);
    return enabled ? new MeteredUserContexts(metrics, tier, next) : next;
  }

  private SessionRepository sessions(Tier tier, SessionRepository next) {
    chain(Operation.SESSION_STATE, tier);
    return enabled ? new MeteredSessions(metrics, tier, next) : next;
  }

  private TokenCodec tokens(Tier tier, TokenCodec next) {
    chain(Operation.TOKEN_VERIFY, tier);
    return enabled ? new MeteredTokens(metrics, tier, next) : next;
  }

  CacheInvalidation invalidation(CacheInvalidation next) {
    return enabled ? new MeteredInvalidation(metrics, next) : next;
  }

  /** The limiter's decisions timed and its refusals counted per class. */
  RateLimitUseCase rateLimits(RateLimitUseCase next) {
    if (!enabled) {
      return next;
    }
    metrics.declareRateClasses(
        Arrays.stream(RateLimitUseCase.RateClass.values())
            .map(RateLimitUseCase.RateClass::wireName)
            .toList());
    return new MeteredRateLimits(metrics, next);
  }

  /** Tiers are wrapped innermost first: each new one goes in front of the chain. */
  private void chain(Operation operation, Tier tier) {
    List<Tier> chain = chains.computeIfAbsent(operation, op -> new ArrayList<>());
    chain.add(0, tier);
    metrics.declareTiers(operation, chain);
  }

  /**
   * Counts answered requests (the denominator of statements per request), records the answered
   * checks and batch checks with the request's own timing (the one clock reading pair a check gets:
   * its steps in-process are counted, and timed only now and then), then {@code next}.
   */
  RequestObserver requests(RequestObserver next) {
    return (method, path, status, nanos, requestId) -> {
      requests.increment();
      if (enabled && status == 200 && method.equals("POST")) {
        Operation check =
            switch (path) {
              case CHECK_PATH -> Operation.CHECK;
              case BATCH_CHECK_PATH -> Operation.BATCH_CHECK;
              default -> null;
            };
        if (check != null) {
          metrics.operation(check, nanos);
        }
      }
      next.answered(method, path, status, nanos, requestId);
    };
  }

  /** The gauges and counters of the adapters bootstrap holds. */
  void watch(
      PostgresPersistence persistence,
      PostgresInvalidationListener listener,
      Optional<RedisL2> redis) {
    listener.reportTo(metrics());
    AdapterGauges.register(
        prometheus, requests::sum, tiers, persistence, listener, breakerState(redis));
  }

  static BreakerState breakerState(Optional<RedisL2> redis) {
    return redis
        .<BreakerState>map(r -> () -> r.breakerState().toLowerCase(java.util.Locale.ROOT))
        .orElse(BreakerState.DISABLED);
  }

  /**
   * The cache tiers of {@code /health/cache}: {@code l1} is DEGRADED while the invalidation feed is
   * down (its entries are then served only within the staleness bound), {@code l2} is what Redis'
   * own probe says. Their counters become gauges in {@link #watch}.
   */
  void cacheTiers(List<CacheTier> innermostFirst, PostgresInvalidationListener listener) {
    tiers.addAll(innermostFirst);
    for (CacheTier tier : innermostFirst.reversed()) {
      if (tier.name().equals("l1")) {
        cacheTiers.add(
            HealthProbe.of(
                "l1",
                false,
                () ->
                    listener.live()
                        ? new Check(Status.UP, "in-process, kept fresh by the invalidation feed")
                        : new Check(
                            Status.DEGRADED,
                            "invalidation feed down: entries served only within the staleness bound")));
      } else {
        List<HealthProbe> own = tier.healthProbes();
        cacheTiers.add(
            HealthProbe.of(
                tier.name(),
                false,
                () ->
                    own.isEmpty()
                        ? new Check(Status.UP, "no probe of its own")
                        : own.get(0).probe()));
      }
    }
  }

  /**
   * The HTTP options of issue #8: every request counted (and written to the access log when it is
   * on), the operations endpoints on the management port when one is set.
   */
  HttpOptions httpOptions(HttpOptions options, WardenConfig config) {
    ObservabilityConfig settings = config.observability();
    RequestObserver observer = settings.accessLog() ? AccessLog.observer() : RequestObserver.NONE;
    return options
        .withRequests(requests(observer))
        .withManagementPort(settings.managementPort().isPresent());
  }

  /** Opens the management port, if one is set, with the operations endpoints alone. */
  void managementPort(
      WebServerConfig.Builder server,
      WardenConfig config,
      DrivingPorts useCases,
      HttpOptions options) {
    config
        .observability()
        .managementPort()
        .ifPresent(
            port ->
                server.putSocket(
                    WardenHttp.MANAGEMENT_SOCKET,
                    socket ->
                        socket
                            .port(port)
                            .routing(
                                routing ->
                                    WardenHttp.managementRouting(routing, useCases, options))));
  }

  /**
   * What the use cases record into and report on: the metrics ({@link Metrics#NONE} when disabled,
   * so that the assembly wraps nothing), their exposition, the L2 breaker and the cache tiers of
   * {@code /health/cache} (call {@link #cacheTiers} first).
   */
  DrivenPorts.Observation observation(Optional<RedisL2> redis) {
    return new DrivenPorts.Observation(metrics(), prometheus, breakerState(redis), cacheTiers);
  }
}
