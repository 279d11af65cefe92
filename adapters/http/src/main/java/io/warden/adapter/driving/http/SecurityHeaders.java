package io.warden.adapter.driving.http;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

/**
 * Headers that keep browsers and caches from doing harm with Warden's answers, set before any
 * handler runs so that errors carry them too: {@code X-Content-Type-Options: nosniff} on every
 * response (a JSON body is never sniffed into HTML or script); {@code Cache-Control: no-store} on
 * every API answer and every answer to a request with credentials (permissions and members must not
 * stay in a shared or browser cache; a handler may still choose otherwise); and, only when the
 * server speaks TLS, {@code Strict-Transport-Security}.
 */
final class SecurityHeaders implements Filter {
  static final String NOSNIFF = "nosniff";
  static final String NO_STORE = "no-store";

  /** One year, the usual preload-eligible value; subdomains are not Warden's to speak for. */
  static final String HSTS = "max-age=31536000";

  private final boolean tls;

  SecurityHeaders(boolean tls) {
    this.tls = tls;
  }

  @Override
  public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
    res.header(HeaderNames.X_CONTENT_TYPE_OPTIONS, NOSNIFF);
    if (req.headers().contains(HeaderNames.AUTHORIZATION)
        || req.path().path().startsWith("/api/")) {
      res.header(HeaderNames.CACHE_CONTROL, NO_STORE);
    }
    if (tls) {
      res.header(HeaderNames.STRICT_TRANSPORT_SECURITY, HSTS);
    }
    chain.proceed();
  }
}
