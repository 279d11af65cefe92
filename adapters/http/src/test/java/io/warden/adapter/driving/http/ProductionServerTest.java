package io.warden.adapter.driving.http;

import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.testing.junit5.SetUpServer;

/**
 * The base of every {@code @ServerTest} here: the server under test is configured as production
 * configures it ({@link WardenHttp#configure}), in this one place. Helidon calls the {@code
 * SetUpServer} and {@code SetUpRoute} methods of the whole class hierarchy.
 *
 * <p>Each test class still declares its own static {@link TestWorld} and its own {@code SetUpRoute}
 * method routing to it: Helidon calls that static method without saying which test class it serves,
 * so a method here could only route every class to one shared world, and the classes change their
 * worlds (new tenants, logouts, deactivations), which would make each depend on the others' runs.
 */
abstract class ProductionServerTest {
  @SetUpServer
  static void server(WebServerConfig.Builder server) {
    WardenHttp.configure(server);
  }
}
