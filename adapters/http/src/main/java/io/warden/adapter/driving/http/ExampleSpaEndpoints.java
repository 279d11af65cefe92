package io.warden.adapter.driving.http;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import java.util.List;
import java.util.Map;

/**
 * The example single-page app of issue #14 at {@code /examples/spa/}: one page, its script and
 * style, and the TypeScript client's built modules ({@code clients/typescript}, vendored into
 * {@code examples/spa/vendor/warden-client/} by {@code npm run spa:bundle} and served at {@code
 * /examples/spa/client/}; never edited by hand, and a test fails when the copy is stale) — read
 * from the class path once, nothing from a CDN. It signs in through the API like any client; these
 * routes need no authentication and serve no data. Served with the dashboard's strict policy.
 */
final class ExampleSpaEndpoints implements WardenService {
  static final String ROOT = "/examples/spa/";
  static final List<String> PAGE_FILES = List.of("app.js", "app.css");
  static final List<String> CLIENT_MODULES =
      List.of("index.js", "client.js", "errors.js", "events.js", "permissions.js", "watch.js");

  private final byte[] page = DashboardEndpoints.resource("examples/spa/index.html");
  private final Map<String, byte[]> pageFiles =
      DashboardEndpoints.load("examples/spa/", PAGE_FILES);
  private final Map<String, byte[]> clientModules =
      DashboardEndpoints.load("examples/spa/vendor/warden-client/", CLIENT_MODULES);

  @Override
  public void routes(Routes routes) {
    routes
        .get(
            "/examples/spa",
            (req, res) ->
                res.status(Status.MOVED_PERMANENTLY_301).header(HeaderNames.LOCATION, ROOT).send())
        .get(ROOT, (req, res) -> DashboardEndpoints.send(res, "text/html; charset=utf-8", page));
    // One route per file, like the dashboard's: any other name is the router's 404.
    pageFiles.forEach(
        (name, body) ->
            routes.get(ROOT + name, (req, res) -> DashboardEndpoints.serve(res, name, body)));
    clientModules.forEach(
        (name, body) ->
            routes.get(
                ROOT + "client/" + name, (req, res) -> DashboardEndpoints.serve(res, name, body)));
  }
}
