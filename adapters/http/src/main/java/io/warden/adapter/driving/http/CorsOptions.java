package io.warden.adapter.driving.http;

import java.time.Duration;
import java.util.List;

/**
 * Which browser origins may call the API ({@code WARDEN_CORS_ORIGINS}), and how long a browser may
 * cache a preflight's answer. Bootstrap validates the origins; no origin means no CORS at all.
 *
 * @param origins exact origins as browsers send them ({@code https://app.example.com})
 * @param maxAge {@code Access-Control-Max-Age} of a preflight's answer
 */
public record CorsOptions(List<String> origins, Duration maxAge) {
  /** No origin: no CORS header is ever sent. */
  public static final CorsOptions NONE = new CorsOptions(List.of(), Duration.ZERO);

  public CorsOptions {
    origins = List.copyOf(origins);
    if (origins.contains("*")) {
      throw new IllegalArgumentException("CORS origins must be exact; '*' is never allowed");
    }
  }

  public boolean enabled() {
    return !origins.isEmpty();
  }
}
