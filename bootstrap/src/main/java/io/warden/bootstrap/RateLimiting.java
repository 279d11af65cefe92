package io.warden.bootstrap;

import io.warden.adapter.driven.postgres.PostgresInstanceRegistry;
import io.warden.adapter.driven.postgres.PostgresPersistence;
import io.warden.adapter.driven.redis.RedisL2Settings;
import io.warden.adapter.driven.redis.ratelimit.RedisQuotaStore;
import io.warden.application.port.driven.QuotaStore;
import io.warden.application.port.driving.RateLimitUseCase.RateClass;
import io.warden.application.service.RateLimitService;
import io.warden.application.service.Services;
import java.time.Duration;
import java.util.Deque;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Wires the rate limits: the shared quota in Redis when {@code WARDEN_REDIS_URL} is set (else
 * in-process), the instance heartbeat in PostgreSQL that the limits are divided by while Redis is
 * away, and the periodic jobs (heartbeat every 2 s, forgetting ended windows every 10 s).
 */
final class RateLimiting {
  /** An instance whose heartbeat is older than this is no longer counted. */
  static final Duration LIVE_WITHIN = Duration.ofSeconds(6);

  private RateLimiting() {}

  /** Starts the limiter; everything it opens is pushed on {@code resources} to be closed. */
  static RateLimitService start(
      WardenConfig config,
      PostgresPersistence persistence,
      ScheduledExecutorService scheduler,
      Deque<AutoCloseable> resources) {
    Optional<QuotaStore> store = Optional.empty();
    if (config.redisUrl().isPresent()) {
      RedisQuotaStore redis =
          new RedisQuotaStore(
              RedisL2Settings.defaults(config.redisUrl().get())
                  .withCommandTimeout(config.redisTimeout())
                  // Takes are rare (one per slice): judge on few calls, retry after a second.
                  .withBreaker(50f, 10, 4, Duration.ofSeconds(1), 1),
              config.redisKeyPrefix());
      resources.push(redis);
      store = Optional.of(redis);
    }
    PostgresInstanceRegistry instances = persistence.instanceRegistry(LIVE_WITHIN);
    instances.beat();
    resources.push(instances);
    scheduler.scheduleWithFixedDelay(instances::beat, 2, 2, TimeUnit.SECONDS);

    Map<RateClass, Long> limits = new EnumMap<>(RateClass.class);
    limits.put(RateClass.AUTH, (long) config.rateAuthPer15Minutes());
    limits.put(RateClass.API, (long) config.rateApiPerMinute());
    limits.put(RateClass.CHECK, (long) config.rateCheckPerMinute());
    limits.put(RateClass.MFA, (long) config.rateMfaPer15Minutes());
    limits.put(RateClass.UPLOAD, (long) config.rateUploadPerMinute());
    RateLimitService service = Services.rateLimits(limits, store, instances, System::nanoTime);
    // Closed before the store and the heartbeat: it gives its leased quota back through the store.
    resources.push(service);
    scheduler.scheduleWithFixedDelay(service::sweep, 10, 10, TimeUnit.SECONDS);
    return service;
  }
}
