package io.warden.adapter.driving.http;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.warden.application.port.driving.HealthUseCase;
import io.warden.application.port.driving.HealthUseCase.Health;
import io.warden.application.port.driving.ObservabilityUseCase;
import io.warden.application.port.driving.RequestAuthenticationUseCase.Authentication;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Liveness ({@code /ping}), readiness ({@code /health}), the cache tiers' health ({@code
 * /health/cache}) and every metric ({@code /metrics}): what a load balancer, a monitor and a
 * scraper ask, served on the management port when there is one.
 */
final class OperationsEndpoints implements WardenService {
  static final String OPENAPI_RESOURCE = "/openapi.yaml";

  private static final byte[] PONG = "pong".getBytes(StandardCharsets.UTF_8);

  private final HealthUseCase health;
  private final ObservabilityUseCase observability;
  private final BearerAuthentication bearer;
  private final HealthDetailAccess detailAccess;

  OperationsEndpoints(
      HealthUseCase health,
      ObservabilityUseCase observability,
      BearerAuthentication bearer,
      HealthDetailAccess detailAccess) {
    this.health = health;
    this.observability = observability;
    this.bearer = bearer;
    this.detailAccess = detailAccess;
  }

  @Override
  public void routes(Routes routes) {
    routes
        .get("/ping", this::ping)
        .get("/health", this::health)
        .get("/health/cache", this::cacheHealth)
        .get("/metrics", this::metrics);
  }

  /** Touches nothing but the socket: the liveness probe and the bare-HTTP benchmark baseline. */
  private void ping(ServerRequest req, ServerResponse res) {
    res.header(HeaderNames.CONTENT_TYPE, "text/plain");
    res.send(PONG);
  }

  /**
   * Anyone may ask; only a request {@link HealthDetailAccess} allows sees each check's detail, so
   * an anonymous prober learns UP/DEGRADED/DOWN per check and nothing of pools or errors.
   */
  private void health(ServerRequest req, ServerResponse res) {
    answer(req, res, health.health());
  }

  /** The cache tiers only; 503 when a configured tier is down. Details as for {@code /health}. */
  private void cacheHealth(ServerRequest req, ServerResponse res) {
    answer(req, res, observability.cacheHealth());
  }

  private void metrics(ServerRequest req, ServerResponse res) {
    res.header(HeaderNames.CONTENT_TYPE, observability.scrapeContentType());
    res.header(HeaderNames.CACHE_CONTROL, "no-store");
    res.send(observability.scrape().getBytes(StandardCharsets.UTF_8));
  }

  private void answer(ServerRequest req, ServerResponse res, Health full) {
    Health current =
        detailAccess.allows(req, () -> callerMayViewDetails(req)) ? full : full.summary();
    Status status = current.status().unready() ? Status.SERVICE_UNAVAILABLE_503 : Status.OK_200;
    res.header(HeaderNames.CACHE_CONTROL, "no-store");
    Responses.json(res, status, JsonViews.health(current));
  }

  /** False without a bearer token, or with one that does not stand: never a 401 on a probe. */
  private boolean callerMayViewDetails(ServerRequest req) {
    if (!req.headers().contains(HeaderNames.AUTHORIZATION)) {
      return false;
    }
    return bearer.authenticate(req) instanceof Authentication.Authenticated authenticated
        && health.mayViewDetails(authenticated.caller());
  }

  static byte[] openApiDocument() {
    try (InputStream in = OperationsEndpoints.class.getResourceAsStream(OPENAPI_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(OPENAPI_RESOURCE + " is missing from the class path");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
