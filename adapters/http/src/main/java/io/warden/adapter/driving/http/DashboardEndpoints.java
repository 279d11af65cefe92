package io.warden.adapter.driving.http;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The performance dashboard: one static page, its script (three ES modules) and style, and Chart.js
 * from its WebJar — all read from the class path once, nothing from a CDN, so it works offline. The
 * page logs in through the API like any client; these routes need no authentication and serve no
 * data.
 */
final class DashboardEndpoints implements WardenService {
  static final String CHART_JS_WEBJAR = "META-INF/resources/webjars/chart.js/";

  /**
   * Only this origin's scripts, styles and API: no inline script, no framing. Chart.js sizes its
   * canvases through element styles, which {@code style-src} governs for style attributes only.
   */
  static final String CONTENT_SECURITY_POLICY =
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
          + " connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

  static final List<String> FILES = List.of("dashboard.js", "api.js", "charts.js", "dashboard.css");

  private final byte[] page = resource("dashboard/index.html");
  private final Map<String, byte[]> files = load("dashboard/", FILES);
  private final byte[] chartJs =
      resource(CHART_JS_WEBJAR + chartJsVersion() + "/dist/chart.umd.min.js");

  @Override
  public void routes(Routes routes) {
    routes
        .get("/dashboard", (req, res) -> send(res, "text/html; charset=utf-8", page))
        .get(
            "/dashboard/chart.umd.min.js",
            (req, res) -> send(res, "text/javascript; charset=utf-8", chartJs));
    // One route per file: any other name is the router's 404.
    files.forEach(
        (name, body) -> routes.get("/dashboard/" + name, (req, res) -> serve(res, name, body)));
  }

  /** A script or style sheet by its name's ending, with {@link #send}'s policy and headers. */
  static void serve(ServerResponse res, String name, byte[] body) {
    String type =
        name.endsWith(".css") ? "text/css; charset=utf-8" : "text/javascript; charset=utf-8";
    send(res, type, body);
  }

  /** A static file with the dashboard's policy and headers (also the example app's). */
  static void send(ServerResponse res, String contentType, byte[] body) {
    res.header(HeaderNames.CONTENT_TYPE, contentType);
    res.header(HeaderNames.create("Content-Security-Policy"), CONTENT_SECURITY_POLICY);
    res.header(HeaderNames.create("X-Frame-Options"), "DENY");
    res.header(HeaderNames.create("Referrer-Policy"), "no-referrer");
    res.header(HeaderNames.CACHE_CONTROL, "no-cache");
    res.send(body);
  }

  /** The version of the Chart.js WebJar on the class path, from its Maven metadata. */
  static String chartJsVersion() {
    Properties pom = new Properties();
    try (InputStream in = open("META-INF/maven/org.webjars.npm/chart.js/pom.properties")) {
      pom.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return pom.getProperty("version");
  }

  /** The named files of a class-path directory, each read once. */
  static Map<String, byte[]> load(String directory, List<String> names) {
    Map<String, byte[]> files = new HashMap<>();
    for (String name : names) {
      files.put(name, resource(directory + name));
    }
    return Map.copyOf(files);
  }

  static byte[] resource(String name) {
    try (InputStream in = open(name)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static InputStream open(String name) {
    InputStream in = DashboardEndpoints.class.getClassLoader().getResourceAsStream(name);
    if (in == null) {
      throw new IllegalStateException(name + " is missing from the class path");
    }
    return in;
  }
}
