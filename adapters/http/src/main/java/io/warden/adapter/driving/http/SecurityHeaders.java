package io.warden.adapter.driving.http;

import io.helidon.http.Header;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
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

  // Built once, with their bytes: a header set by name and value is a new object (and an array of
  // values) per response, and is encoded again each time it is written.
  private static final Header NOSNIFF_HEADER = HeaderValues.X_CONTENT_TYPE_OPTIONS_NOSNIFF;
  private static final Header NO_STORE_HEADER =
      HeaderValues.createCached(HeaderNames.CACHE_CONTROL, NO_STORE);
  private static final Header HSTS_HEADER =
      HeaderValues.createCached(HeaderNames.STRICT_TRANSPORT_SECURITY, HSTS);

  private final boolean tls;

  SecurityHeaders(boolean tls) {
    this.tls = tls;
  }

  @Override
  public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
    res.header(NOSNIFF_HEADER);
    if (req.headers().contains(HeaderNames.AUTHORIZATION)
        || req.path().path().startsWith("/api/")) {
      res.header(NO_STORE_HEADER);
    }
    if (tls) {
      res.header(HSTS_HEADER);
    }
    chain.proceed();
  }
}
