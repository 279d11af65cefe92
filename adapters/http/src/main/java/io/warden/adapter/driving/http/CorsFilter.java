package io.warden.adapter.driving.http;

import io.helidon.cors.CrossOriginConfig;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.http.ServerRequestHeaders;
import io.helidon.http.Status;
import io.helidon.webserver.cors.CorsSupport;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import java.util.Locale;
import java.util.Set;

/**
 * CORS for the origins of {@link CorsOptions}, through Helidon's {@link CorsSupport}, as the first
 * filter: so every answer to an allowed origin carries its CORS headers, a 429 of the rate limiter
 * and a 401 included (a page must be able to read {@code Retry-After}).
 *
 * <ul>
 *   <li>No {@code Origin}, or one not listed: passed on untouched, without any CORS header (the
 *       browser then refuses the page the answer); a preflight from such an origin is 403
 *       problem+json, and a listed origin's preflight asking for a method or header outside the
 *       contract too, so {@link CorsSupport} never sends its own bodiless refusal.
 *   <li>A listed origin's preflight: answered by {@link CorsSupport} (the origin itself, never
 *       {@code *}; the method and headers asked for; {@code Access-Control-Max-Age}).
 *   <li>A listed origin's request: {@link CorsSupport} adds {@code Access-Control-Allow-Origin},
 *       {@code Vary: Origin} and {@code Access-Control-Expose-Headers}, then the request goes on.
 * </ul>
 *
 * No credentials mode: tokens travel in {@code Authorization}, which a page sets itself, and Warden
 * sets no cookie, so {@code Access-Control-Allow-Credentials} is never sent.
 */
final class CorsFilter implements Filter {
  static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE");

  /** Request headers a page may send (lower case, as compared). */
  static final Set<String> REQUEST_HEADERS =
      Set.of("authorization", "content-type", "warden-min-revision", "x-request-id");

  static final String[] EXPOSED_HEADERS = {
    "RateLimit-Limit",
    "RateLimit-Remaining",
    "RateLimit-Reset",
    "Retry-After",
    "X-Request-Id",
    "Warden-Revision"
  };

  private static final HeaderName REQUEST_METHOD = HeaderNames.ACCESS_CONTROL_REQUEST_METHOD;
  private static final HeaderName REQUEST_HEADERS_NAME = HeaderNames.ACCESS_CONTROL_REQUEST_HEADERS;

  private final Set<String> origins;
  private final CorsSupport cors;

  CorsFilter(CorsOptions options) {
    this.origins = Set.copyOf(options.origins());
    this.cors =
        CorsSupport.builder()
            .name("warden")
            .addCrossOrigin(
                CrossOriginConfig.builder()
                    .allowOrigins(options.origins().toArray(String[]::new))
                    .allowMethods(METHODS.toArray(String[]::new))
                    .allowHeaders(
                        "Authorization", "Content-Type", "Warden-Min-Revision", "X-Request-Id")
                    .exposeHeaders(EXPOSED_HEADERS)
                    .allowCredentials(false)
                    .maxAgeSeconds(options.maxAge().toSeconds())
                    .build())
            .build();
  }

  @Override
  public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
    ServerRequestHeaders headers = req.headers();
    if (!headers.contains(HeaderNames.ORIGIN)) {
      chain.proceed();
      return;
    }
    boolean preflight =
        Method.OPTIONS.equals(req.prologue().method()) && headers.contains(REQUEST_METHOD);
    String origin = headers.get(HeaderNames.ORIGIN).get();
    if (!origins.contains(origin)) {
      if (preflight) {
        ProblemResponses.send(
            res, Status.FORBIDDEN_403, "this origin may not call the API from a browser");
      } else {
        chain.proceed();
      }
      return;
    }
    if (preflight && !withinContract(headers)) {
      ProblemResponses.send(
          res,
          Status.FORBIDDEN_403,
          "a browser may use the methods "
              + String.join(", ", METHODS.stream().sorted().toList())
              + " and the request headers Authorization, Content-Type, Warden-Min-Revision and"
              + " X-Request-Id");
      return;
    }
    cors.handle(req, res);
    if (res.isSent()) {
      return; // the preflight's answer
    }
    // CorsSupport is a handler and asked for the next one: here, that is the rest of the chain.
    res.resetRouting();
    chain.proceed();
  }

  private static boolean withinContract(ServerRequestHeaders headers) {
    if (!METHODS.contains(headers.get(REQUEST_METHOD).get())) {
      return false;
    }
    for (String value : headers.all(REQUEST_HEADERS_NAME, java.util.List::of)) {
      for (String name : value.split(",")) {
        String header = name.strip().toLowerCase(Locale.ROOT);
        if (!header.isEmpty() && !REQUEST_HEADERS.contains(header)) {
          return false;
        }
      }
    }
    return true;
  }
}
