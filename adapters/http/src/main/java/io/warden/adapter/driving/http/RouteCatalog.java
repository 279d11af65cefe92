package io.warden.adapter.driving.http;

import java.util.ArrayList;
import java.util.List;

/**
 * Every route the routing serves, recorded as it is registered: the single list the OpenAPI
 * document is checked against, so a route cannot be added without the test noticing.
 */
final class RouteCatalog {
  private final List<Route> routes = new ArrayList<>();

  void add(String method, String path) {
    routes.add(new Route(method, path));
  }

  List<Route> routes() {
    return List.copyOf(routes);
  }

  /** One method on one path template, in Helidon's {@code {name}} syntax (the same as OpenAPI). */
  record Route(String method, String path) {}
}
