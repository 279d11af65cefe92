package io.warden.adapter.driving.http;

import io.helidon.http.Method;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.HttpRoute;
import io.helidon.webserver.http.HttpRules;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Registers the routes of one {@link WardenService} on Helidon's rules and records each in the
 * {@link RouteCatalog}. Helidon answers an unregistered method on a known path as "not found"; this
 * class adds a last handler per path that answers 405 with an {@code Allow} header instead. A path
 * template with parameters is matched by {@link LiteralGuardedMatcher}: Helidon's expression, asked
 * only of paths that can match it.
 */
final class Routes {
  private final HttpRules rules;
  private final RouteCatalog catalog;
  private final Map<String, Set<String>> methodsByPath = new LinkedHashMap<>();

  Routes(HttpRules rules, RouteCatalog catalog) {
    this.rules = rules;
    this.catalog = catalog;
  }

  Routes get(String path, Handler handler) {
    return add(Method.GET, path, handler);
  }

  Routes post(String path, Handler handler) {
    return add(Method.POST, path, handler);
  }

  Routes put(String path, Handler handler) {
    return add(Method.PUT, path, handler);
  }

  Routes patch(String path, Handler handler) {
    return add(Method.PATCH, path, handler);
  }

  Routes delete(String path, Handler handler) {
    return add(Method.DELETE, path, handler);
  }

  private Routes add(Method method, String path, Handler handler) {
    rules.route(
        HttpRoute.builder().methods(method).path(LiteralGuardedMatcher.of(path)).handler(handler));
    catalog.add(method.text(), path);
    methodsByPath.computeIfAbsent(path, p -> new LinkedHashSet<>()).add(method.text());
    return this;
  }

  /**
   * Answers every other method on the registered paths with 405. Must run after the service's own
   * routes: Helidon tries routes in registration order, so these only catch what nothing else took.
   */
  void rejectOtherMethods() {
    methodsByPath.forEach(
        (path, methods) -> {
          String allow = String.join(", ", methods);
          rules.route(
              HttpRoute.builder()
                  .path(LiteralGuardedMatcher.of(path))
                  .handler(
                      (req, res) -> {
                        throw ProblemException.methodNotAllowed(
                            req.prologue().method().text(), allow);
                      }));
        });
  }
}
