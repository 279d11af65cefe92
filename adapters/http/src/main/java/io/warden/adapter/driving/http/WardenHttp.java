package io.warden.adapter.driving.http;

import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.http.HttpRouting;
import java.util.List;

/**
 * The HTTP adapter's entry point for bootstrap: the server settings the contract needs and the
 * routing of every endpoint.
 *
 * <pre>{@code
 * WebServer.builder()
 *     .port(port)
 *     .update(WardenHttp::configure)
 *     .routing(routing -> WardenHttp.routing(routing, useCases))
 *     .build()
 *     .start();
 * }</pre>
 */
public final class WardenHttp {
  /** Request bodies above 1 MiB are refused with 413. */
  public static final long MAX_PAYLOAD_BYTES = 1024 * 1024;

  /**
   * A refused body up to this size is read and discarded so the connection survives and the client
   * reads its 413; above it, Helidon answers 413 before routing and closes the connection.
   */
  public static final long DISCARD_LIMIT_BYTES = 16 * MAX_PAYLOAD_BYTES;

  private WardenHttp() {}

  /**
   * Server-level settings: the hard cap on bodies Helidon will read at all, and problem+json for
   * the errors Helidon answers before routing (malformed request line or headers, body over the
   * cap). The 1 MiB contract limit itself is enforced by the routing.
   */
  public static void configure(WebServerConfig.Builder server) {
    server.maxPayloadSize(DISCARD_LIMIT_BYTES).directHandlers(ProblemResponses.directHandlers());
  }

  /** Registers every endpoint and the exception mapping on {@code routing}. */
  public static void routing(HttpRouting.Builder routing, HttpUseCases useCases) {
    routing(routing, useCases, new RouteCatalog());
  }

  static void routing(HttpRouting.Builder routing, HttpUseCases useCases, RouteCatalog catalog) {
    ProblemResponses.register(routing);
    routing.addFilter(new BodySizeLimit());
    // More filters (rate limiting, metrics) go here: filters run before any route, whatever the
    // order of registration. A filter that needs the caller uses BearerAuthentication.caller(req),
    // which keeps it in the request context for the handler.
    for (WardenService service : services(useCases)) {
      routing.register(
          rules -> {
            Routes routes = new Routes(rules, catalog);
            service.routes(routes);
            routes.rejectOtherMethods();
          });
    }
  }

  /** Every endpoint group; a new group is added here and then appears in the route catalog. */
  private static List<WardenService> services(HttpUseCases useCases) {
    BearerAuthentication bearer = new BearerAuthentication(useCases.authentication());
    return List.of(
        new OperationsEndpoints(useCases.health()),
        new AuthEndpoints(useCases.authentication(), bearer),
        new AuthorizationEndpoints(useCases.authorization(), bearer),
        new RoleEndpoints(useCases.roles(), useCases.members(), bearer),
        new MemberEndpoints(useCases.members(), bearer),
        new SystemAdminEndpoints(useCases.system(), bearer),
        new PerformanceEndpoints(useCases.cache(), bearer));
  }
}
