package io.warden.adapter.driving.http;

import io.helidon.common.configurable.Resource;
import io.helidon.common.pki.Keys;
import io.helidon.common.tls.Tls;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http1.Http1Config;
import io.warden.application.port.driving.DrivingPorts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

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
  /** The name of the management port's socket ({@code WARDEN_MANAGEMENT_PORT}). */
  public static final String MANAGEMENT_SOCKET = "management";

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
    server
        .maxPayloadSize(DISCARD_LIMIT_BYTES)
        .directHandlers(ProblemResponses.directHandlers())
        // Only the event streams write through a response's OutputStream (every other answer is
        // sent as one byte array), and each of their frames is one write and a flush: Helidon's
        // 4 KiB write buffer per stream would hold nothing, for as long as the stream is open.
        .writeBufferSize(0)
        .addProtocol(http1());
  }

  /**
   * HTTP/1.1 as Helidon's defaults have it, but for two things that cost every request without
   * changing any answer: the request headers are checked by {@link RequestHeaderChecks} (the same
   * checks, the same 400, without Helidon's copies of every value), and there is no send-side
   * logging listener (Helidon's builds an argument array for each of its calls, logged or not).
   */
  static Http1Config http1() {
    return Http1Config.builder()
        .validateRequestHeaders(false)
        .addReceiveListener(new RequestHeaderChecks())
        .sendLog(false)
        .build();
  }

  /**
   * TLS from PEM files: {@code certificate} holds the server certificate (then its chain), {@code
   * privateKey} its unencrypted PKCS#8 private key ({@code -----BEGIN PRIVATE KEY-----}).
   *
   * @throws IllegalArgumentException naming the file that is missing or unreadable as PEM
   */
  public static void configureTls(
      WebServerConfig.Builder server, Path certificate, Path privateKey) {
    requireReadable(certificate, "certificate");
    requireReadable(privateKey, "private key");
    Keys keys;
    try {
      keys =
          Keys.builder()
              .pem(
                  pem ->
                      pem.key(Resource.create(privateKey)).certChain(Resource.create(certificate)))
              .build();
    } catch (RuntimeException e) {
      // The PEM parser's message may quote the file; the key itself is never part of it.
      throw new IllegalArgumentException(
          "TLS certificate " + certificate + " or private key " + privateKey + " is not usable PEM",
          e);
    }
    if (keys.privateKey().isEmpty() || keys.certChain().isEmpty()) {
      throw new IllegalArgumentException(
          "TLS needs a PKCS#8 private key in "
              + privateKey
              + " and a certificate in "
              + certificate);
    }
    server.tls(Tls.builder().privateKey(keys).privateKeyCertChain(keys).build());
  }

  private static void requireReadable(Path file, String what) {
    if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
      throw new IllegalArgumentException("TLS " + what + " " + file + " is not a readable file");
    }
  }

  /** Registers every endpoint and the exception mapping on {@code routing}, with the defaults. */
  public static void routing(HttpRouting.Builder routing, DrivingPorts useCases) {
    routing(routing, useCases, HttpOptions.defaults());
  }

  /** Registers every endpoint and the exception mapping on {@code routing}. */
  public static void routing(
      HttpRouting.Builder routing, DrivingPorts useCases, HttpOptions options) {
    routing(routing, useCases, options, new RouteCatalog());
  }

  static void routing(HttpRouting.Builder routing, DrivingPorts useCases, RouteCatalog catalog) {
    routing(routing, useCases, HttpOptions.defaults(), catalog);
  }

  static void routing(
      HttpRouting.Builder routing,
      DrivingPorts useCases,
      HttpOptions options,
      RouteCatalog catalog) {
    RateLimits rateLimits =
        new RateLimits(
            options.rateLimits(),
            new BearerAuthentication(useCases.requestAuthentication()),
            options.clientAddresses());
    List<WardenService> services = new ArrayList<>(services(useCases, options, rateLimits));
    if (!options.managementSeparate()) {
      services.addAll(operations(useCases, options));
    }
    register(routing, services, options, catalog, rateLimits);
  }

  /**
   * The management port's routing: {@code /ping}, {@code /health}, {@code /health/cache} and {@code
   * /metrics}, which the main routing then leaves out ({@link HttpOptions#managementSeparate()}).
   */
  public static void managementRouting(
      HttpRouting.Builder routing, DrivingPorts useCases, HttpOptions options) {
    managementRouting(routing, useCases, options, new RouteCatalog());
  }

  static void managementRouting(
      HttpRouting.Builder routing,
      DrivingPorts useCases,
      HttpOptions options,
      RouteCatalog catalog) {
    // Only operators reach the management port: its requests see every health detail.
    HttpOptions management =
        new HttpOptions(
            options.tls(),
            (request, callerMayView) -> true,
            options.managementSeparate(),
            options.requests(),
            io.warden.application.port.driving.RateLimitUseCase.UNLIMITED,
            options.clientAddresses());
    register(routing, operations(useCases, management), management, catalog, null);
  }

  private static void register(
      HttpRouting.Builder routing,
      List<WardenService> services,
      HttpOptions options,
      RouteCatalog catalog,
      @Nullable RateLimits rateLimits) {
    ProblemResponses.register(routing);
    routing.addFilter(new RequestIds());
    routing.addFilter(new RequestObserving(options.requests()));
    routing.addFilter(new SecurityHeaders(options.tls()));
    routing.addFilter(new BodySizeLimit());
    if (options.cors().enabled()) { // before the rate limiter: a page must read its 429
      routing.addFilter(new CorsFilter(options.cors()));
    }
    if (rateLimits != null) { // the management port serves no /api
      routing.addFilter(rateLimits);
    }
    // More filters (rate limiting, metrics) go here: filters run before any route, whatever the
    // order of registration. A filter that needs the caller uses BearerAuthentication.caller(req),
    // which keeps it in the request context for the handler.
    // Straight onto the routing, in the same order, not as one Helidon service each: a service is a
    // list that Helidon enters with a crawler, a prologue and a routed path of their own (and a map
    // of the path parameters merged again) for every request, and every request passed through all
    // of them before its own; one flat list of routes decides the same way without that.
    for (WardenService service : services) {
      Routes routes = new Routes(routing, catalog);
      service.routes(routes);
      routes.rejectOtherMethods();
    }
  }

  /**
   * What a load balancer, a monitor and a scraper ask: on the management port when there is one.
   */
  private static List<WardenService> operations(DrivingPorts useCases, HttpOptions options) {
    BearerAuthentication bearer = new BearerAuthentication(useCases.requestAuthentication());
    return List.of(
        new OperationsEndpoints(
            useCases.health(), useCases.observability(), bearer, options.healthDetails()));
  }

  /** Every endpoint group; a new group is added here and then appears in the route catalog. */
  private static List<WardenService> services(
      DrivingPorts useCases, HttpOptions options, RateLimits rateLimits) {
    BearerAuthentication bearer = new BearerAuthentication(useCases.requestAuthentication());
    return List.of(
        new OpenApiEndpoints(),
        new DashboardEndpoints(),
        new ExampleSpaEndpoints(),
        new AuthEndpoints(useCases, bearer, rateLimits),
        new SessionEndpoints(useCases.sessionManagement(), bearer),
        new EventEndpoints(useCases.permissionEvents()),
        new AuthorizationEndpoints(useCases.authorization(), bearer),
        new RoleEndpoints(
            useCases.roleAdministration(),
            useCases.memberAdministration(),
            useCases.listing(),
            bearer),
        new MemberEndpoints(useCases.memberAdministration(), useCases.invitations(), bearer),
        new InvitationEndpoints(useCases.invitations(), bearer),
        new OrganizationEndpoints(useCases.organizationAdministration(), bearer),
        new SystemAdminEndpoints(useCases.systemAdministration(), useCases.listing(), bearer),
        new PerformanceEndpoints(useCases.cacheWarming(), useCases.cacheFlush(), bearer),
        new StatsEndpoints(useCases.observability(), bearer),
        new AuditEndpoints(useCases.audit(), bearer));
  }
}
