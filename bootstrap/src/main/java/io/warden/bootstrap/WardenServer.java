package io.warden.bootstrap;

import io.helidon.webserver.WebServer;
import io.warden.adapter.driving.http.ClientAddresses;
import io.warden.adapter.driving.http.CorsOptions;
import io.warden.adapter.driving.http.HttpOptions;
import io.warden.adapter.driving.http.WardenHttp;
import io.warden.application.port.driving.DrivingPorts;
import io.warden.application.port.driving.RateLimitUseCase;

/**
 * The HTTP server of an instance: {@link WardenHttp}'s routing over the use cases, with the options
 * the configuration asks for (requests counted, access log, rate limits behind the trusted proxies,
 * CORS, TLS) and the management port when one is set. {@link StartSequence} starts it last, once
 * everything it serves is ready: the open port is the instance's readiness to serve.
 */
final class WardenServer {
  private WardenServer() {}

  /**
   * Builds and starts the server. It installs no shutdown hook of its own: {@link GracefulShutdown}
   * stops it, readiness first, then the requests in flight.
   */
  static WebServer start(
      WardenConfig config,
      Observability observability,
      RateLimitUseCase rateLimits,
      DrivingPorts useCases) {
    HttpOptions options = options(config, observability, rateLimits);
    return WebServer.builder()
        .port(config.port())
        .shutdownHook(false)
        .shutdownGracePeriod(GracefulShutdown.inFlightGrace(config.shutdownGrace()))
        .update(builder -> observability.managementPort(builder, config, useCases, options))
        .update(WardenHttp::configure)
        .update(
            builder -> {
              if (config.tls()) {
                WardenHttp.configureTls(builder, config.tlsCert().get(), config.tlsKey().get());
              }
            })
        .routing(routing -> WardenHttp.routing(routing, useCases, options))
        .build()
        .start();
  }

  private static HttpOptions options(
      WardenConfig config, Observability observability, RateLimitUseCase rateLimits) {
    return observability
        .httpOptions(HttpOptions.defaults().withTls(config.tls()), config)
        .withRateLimits(
            observability.rateLimits(rateLimits), ClientAddresses.trusting(config.trustedProxies()))
        .withCors(new CorsOptions(config.web().corsOrigins(), config.web().corsMaxAge()));
  }
}
