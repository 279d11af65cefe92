package io.warden.adapter.driving.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import io.helidon.webserver.testing.junit5.SetUpServer;
import io.warden.application.port.driving.PermissionEventsUseCase;
import io.warden.domain.event.InvalidationScope;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * What Helidon does with an event stream, read by a real HTTP client over a socket: every frame
 * reaches the client as soon as it is written (not when the response ends), and the listener's
 * idle-connection timeout, set here to one second, does not cut a stream that lives longer. Events
 * are driven by hand ({@link PermissionEventsUseCase#changed}, {@link
 * PermissionEventsUseCase#heartbeat}): no scheduler runs.
 */
@ServerTest
class EventStreamServerTest extends ProductionServerTest {
  private static final TestWorld WORLD = new TestWorld();

  /** Generous: a frame takes milliseconds; only one held back in a buffer would take longer. */
  private static final long WAIT_SECONDS = 10;

  private static final String END = "(end)";

  private static final HttpClient CLIENT =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  private final URI base;
  private final PermissionEventsUseCase events = WORLD.useCases().permissionEvents();

  EventStreamServerTest(URI base) {
    this.base = base;
  }

  @SetUpServer
  static void idleConnectionsCutAfterOneSecond(WebServerConfig.Builder server) {
    server.idleConnectionTimeout(Duration.ofSeconds(1)).idleConnectionPeriod(Duration.ofSeconds(1));
  }

  @SetUpRoute
  static void routing(HttpRouting.Builder routing) {
    WardenHttp.routing(routing, WORLD.useCases());
  }

  /**
   * Before Helidon's extension stops the server: a stream whose client went away is noticed only at
   * its next write, and the stop would wait for it (as production's does, see {@code endAll}).
   */
  @AfterAll
  static void endStreams() {
    WORLD.useCases().permissionEvents().endAll();
  }

  @Test
  void every_frame_reaches_the_client_while_the_stream_is_open() throws Exception {
    WORLD.warden.addMember(WORLD.acme, WORLD.warden.createUser("vic@acme.test"), "viewer");
    try (Lines lines = open(WORLD.token("vic@acme.test"))) {
      assertThat(lines.status()).isEqualTo(200);
      assertThat(lines.next()).isEqualTo(": connected");
      assertThat(lines.next()).isEmpty();

      WORLD
          .useCases()
          .roleAdministration()
          .revoke(
              WORLD.warden.loginTo(WORLD.acme, "ada@acme.test"),
              WORLD.acmeViewer.id(),
              "roles.view");
      events.changed(new InvalidationScope.WholeTenant(WORLD.acme.id()), 42);
      assertThat(lines.next()).isEqualTo("event: permissions-changed");
      assertThat(lines.next())
          .isEqualTo("data: {\"revision\":42,\"tenantId\":\"" + WORLD.acme.id() + "\"}");
      assertThat(lines.next()).isEmpty();

      events.heartbeat();
      assertThat(lines.next()).isEqualTo(": heartbeat");
    }
  }

  @Test
  void the_idle_connection_timeout_does_not_cut_a_longer_stream() throws Exception {
    try (Lines lines = open(WORLD.token("ada@acme.test"))) {
      assertThat(lines.next()).isEqualTo(": connected");
      // Three idle checks pass over a stream older than the timeout (no absence is asserted: the
      // sleep only lets them run).
      Thread.sleep(3_500);
      events.heartbeat();
      assertThat(lines.next()).isEmpty();
      assertThat(lines.next()).isEqualTo(": heartbeat");
    }
  }

  private Lines open(String token) throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(base.resolve("/api/me/events"))
            .header("Authorization", "Bearer " + token)
            .header("Accept", "text/event-stream")
            .GET()
            .build();
    return new Lines(CLIENT.send(request, HttpResponse.BodyHandlers.ofInputStream()));
  }

  /** The lines of a response body, read by a virtual thread as they arrive. */
  private static final class Lines implements AutoCloseable {
    private final HttpResponse<InputStream> response;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

    Lines(HttpResponse<InputStream> response) {
      this.response = response;
      Thread.ofVirtual().start(this::read);
    }

    int status() {
      return response.statusCode();
    }

    /** The next line, or {@link #END} when the body ended; fails when none came in time. */
    String next() throws InterruptedException {
      String line = lines.poll(WAIT_SECONDS, TimeUnit.SECONDS);
      assertThat(line).as("a line within %d s", WAIT_SECONDS).isNotNull();
      return line;
    }

    private void read() {
      try (BufferedReader reader =
          new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = reader.readLine()) != null) {
          lines.add(line);
        }
      } catch (IOException e) {
        // closed by the test
      } finally {
        lines.add(END);
      }
    }

    @Override
    public void close() throws IOException {
      response.body().close();
    }
  }
}
