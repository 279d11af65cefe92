package io.warden.bootstrap;

import io.helidon.webserver.WebServer;
import io.warden.adapter.driven.infinispan.InfinispanPermissionCache;
import io.warden.adapter.driven.postgres.PostgresPersistence;
import io.warden.adapter.driven.postgres.listen.PostgresInvalidationListener;
import io.warden.adapter.driven.redis.RedisL2;
import io.warden.adapter.driven.redis.RedisPermissionCache;
import io.warden.adapter.driving.http.WardenHttp;
import io.warden.application.port.driven.EffectivePermissions;
import io.warden.application.port.driven.cache.CacheTier;
import io.warden.application.port.driving.DrivingPorts;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * One running Warden instance: started phase by phase ({@link StartSequence}: every adapter wired
 * by hand around the use cases, the cache tiers composed as a list in front of PostgreSQL, then the
 * HTTP server), and closed in the reverse order ({@link GracefulShutdown} drains it first). Several
 * instances pointed at the same PostgreSQL and Redis form one logical service.
 */
public final class Warden implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(Warden.class.getName());

  private final Deque<AutoCloseable> resources;
  private final WebServer server;
  private final Components components;
  private final GracefulShutdown.Readiness readiness;

  Warden(
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
    Deque<AutoCloseable> resources = new ArrayDeque<>();
    try {
      return StartSequence.run(config, clock, resources, phases);
    } catch (RuntimeException | Error e) {
      closeAll(resources);
      throw e;
    }
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
