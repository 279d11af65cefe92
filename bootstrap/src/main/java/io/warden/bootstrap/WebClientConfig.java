package io.warden.bootstrap;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;

/**
 * The settings of issue #14 (web clients).
 *
 * @param corsOrigins the exact origins whose pages may call the API from a browser ({@code
 *     WARDEN_CORS_ORIGINS}); empty: no CORS headers at all
 * @param corsMaxAge how long a browser may cache a preflight's answer ({@code
 *     WARDEN_CORS_MAX_AGE_SECONDS})
 * @param minRevisionWait how long a request carrying {@code Warden-Min-Revision} waits for this
 *     instance's invalidation feed before it reads PostgreSQL instead ({@code
 *     WARDEN_MIN_REVISION_WAIT_MS})
 */
public record WebClientConfig(
    List<String> corsOrigins, Duration corsMaxAge, Duration minRevisionWait) {
  static final String ORIGINS_KEY = "cors.origins";
  static final String ORIGINS_VARIABLE = "WARDEN_CORS_ORIGINS";

  public WebClientConfig {
    corsOrigins = List.copyOf(corsOrigins);
    corsOrigins.forEach(WebClientConfig::requireOrigin);
  }

  /** No CORS, the default wait. */
  public static WebClientConfig defaults() {
    return new WebClientConfig(List.of(), Duration.ofSeconds(600), Duration.ofMillis(200));
  }

  /**
   * The origins of a comma-separated list, blanks around them dropped, each once; every one must be
   * an exact origin ({@link #requireOrigin}).
   */
  static List<String> parseOrigins(String list) {
    LinkedHashSet<String> origins = new LinkedHashSet<>();
    for (String part : list.split(",", -1)) {
      String origin = part.strip();
      if (!origin.isEmpty()) {
        requireOrigin(origin);
        origins.add(origin);
      }
    }
    return new ArrayList<>(origins);
  }

  /**
   * An origin exactly as a browser sends it in {@code Origin}: {@code http} or {@code https}, a
   * host, a port only when it is not the scheme's default, in lower case, nothing after it. A
   * wildcard is refused: the API answers with credentials (the {@code Authorization} header), which
   * a wildcard must never be combined with; {@code null} (sandboxed pages, files) is refused as any
   * page could send it.
   */
  static void requireOrigin(String origin) {
    if (origin.contains("*")) {
      throw invalid(
          origin, "exact origins; a wildcard would let any page call the API as its user");
    }
    URI uri;
    try {
      uri = new URI(origin);
    } catch (URISyntaxException e) {
      throw invalid(origin, "origins such as https://app.example.com");
    }
    String scheme = uri.getScheme();
    if (scheme == null
        || !(scheme.equals("http") || scheme.equals("https"))
        || uri.getHost() == null
        || uri.getRawUserInfo() != null
        || !uri.getRawPath().isEmpty()
        || uri.getRawQuery() != null
        || uri.getRawFragment() != null) {
      throw invalid(
          origin, "origins such as https://app.example.com (http or https, a host, no path)");
    }
    int defaultPort = scheme.equals("https") ? 443 : 80;
    String canonical =
        scheme
            + "://"
            + uri.getHost().toLowerCase(Locale.ROOT)
            + (uri.getPort() < 0 || uri.getPort() == defaultPort ? "" : ":" + uri.getPort());
    if (!canonical.equals(origin)) {
      throw invalid(origin, "origins as browsers send them: '" + canonical + "'");
    }
  }

  private static IllegalArgumentException invalid(String origin, String expected) {
    return new IllegalArgumentException(
        "configuration warden."
            + ORIGINS_KEY
            + " ("
            + ORIGINS_VARIABLE
            + ") holds '"
            + origin
            + "', expected "
            + expected);
  }
}
