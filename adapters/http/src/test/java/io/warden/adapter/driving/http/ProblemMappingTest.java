package io.warden.adapter.driving.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import io.warden.adapter.driving.http.ApiClient.Reply;
import io.warden.application.port.driven.Overloaded;
import io.warden.application.port.driven.Unavailable;
import io.warden.application.port.driving.Caller;
import io.warden.application.port.driving.DrivingPorts;
import io.warden.application.port.driving.HealthUseCase;
import io.warden.application.port.driving.HealthUseCase.Health;
import io.warden.application.port.driving.RequestContext;
import jakarta.json.JsonObject;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Failures nobody planned for: an unexpected exception is a generic 500 whose details stay in the
 * log, and a dependency outage is a 503 that does not repeat what the exception says.
 */
@ServerTest
class ProblemMappingTest extends ApiTest {
  private static final TestWorld WORLD = new TestWorld();
  private static final AtomicReference<RuntimeException> FAILURE = new AtomicReference<>();

  private final Logger logger = Logger.getLogger(ProblemResponses.class.getName());
  private final List<LogRecord> logged = new CopyOnWriteArrayList<>();
  // The request id bound to the logging thread when each record was published, "-" for none: what
  // the log formatters (bootstrap) write into the line.
  private final List<String> requestIdsWhenLogged = new CopyOnWriteArrayList<>();
  private final Handler capture =
      new Handler() {
        @Override
        public void publish(LogRecord record) {
          logged.add(record);
          requestIdsWhenLogged.add(RequestContext.requestId().orElse("-"));
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  ProblemMappingTest(URI uri) {
    super(uri, WORLD);
  }

  /** The production routing, with a health use case that fails the way a test tells it to. */
  @SetUpRoute
  static void routing(HttpRouting.Builder routing) {
    DrivingPorts real = WORLD.useCases();
    HealthUseCase failing =
        new HealthUseCase() {
          @Override
          public Health health() {
            RuntimeException failure = FAILURE.get();
            if (failure != null) {
              throw failure;
            }
            return real.health().health();
          }

          @Override
          public boolean mayViewDetails(Caller caller) {
            return real.health().mayViewDetails(caller);
          }
        };
    WardenHttp.routing(
        routing,
        new DrivingPorts(
            real.login(),
            real.requestAuthentication(),
            real.tenantSelection(),
            real.tokenRefresh(),
            real.logout(),
            real.sessionManagement(),
            real.sessionPurge(),
            real.keySet(),
            real.authorization(),
            real.roleAdministration(),
            real.memberAdministration(),
            real.invitations(),
            real.systemAdministration(),
            real.provisioning(),
            failing,
            real.cacheWarming(),
            real.cacheFlush(),
            real.observability(),
            real.organizationAdministration(),
            real.audit(),
            real.listing(),
            real.permissionEvents()));
  }

  @BeforeEach
  void captureLog() {
    logger.addHandler(capture);
  }

  @AfterEach
  void reset() {
    logger.removeHandler(capture);
    FAILURE.set(null);
  }

  @Test
  void an_unexpected_exception_is_a_generic_500_and_is_logged() {
    IllegalStateException bug = new IllegalStateException("password=hunter2 in a bad place");
    FAILURE.set(bug);

    Reply reply = api.get("/health", null);

    JsonObject problem = Problems.assertProblem(reply, 500);
    assertThat(reply.body()).doesNotContain("hunter2").doesNotContain("IllegalState");
    assertThat(problem.getString("detail")).contains("reference");
    assertThat(logged)
        .anySatisfy(
            record -> {
              assertThat(record.getLevel()).isEqualTo(Level.SEVERE);
              assertThat(record.getThrown()).isSameAs(bug);
              assertThat(record.getMessage()).contains("GET /health");
            });
    String reference = problem.getString("detail").replaceAll(".*reference ", "");
    assertThat(logged).anySatisfy(r -> assertThat(r.getMessage()).contains(reference));
  }

  @Test
  void an_unavailable_dependency_is_503_without_its_details() {
    FAILURE.set(new Unavailable("database at 10.1.2.3:5432 refused the connection"));

    Reply reply = api.get("/health", null);

    Problems.assertProblem(reply, 503);
    assertThat(reply.body()).doesNotContain("10.1.2.3");
    assertThat(logged).anySatisfy(r -> assertThat(r.getThrown()).isInstanceOf(Unavailable.class));
  }

  @Test
  void the_failure_is_logged_while_the_request_id_is_still_bound() {
    FAILURE.set(new Unavailable("database down"));

    Reply reply = api.send(api.to("/health").header("X-Request-Id", "trace-503").GET().build());

    Problems.assertProblem(reply, 503);
    assertThat(reply.header("X-Request-Id")).contains("trace-503");
    assertThat(logged).hasSize(1);
    assertThat(requestIdsWhenLogged).containsExactly("trace-503");
  }

  @Test
  void an_overloaded_instance_is_503_with_retry_after_and_no_log_line_per_refusal() {
    FAILURE.set(new Overloaded("too busy right now", Duration.ofMillis(1500)));

    Reply reply = api.get("/health", null);

    JsonObject problem = Problems.assertProblem(reply, 503);
    assertThat(problem.getString("detail")).isEqualTo("too busy right now");
    assertThat(reply.header("Retry-After")).contains("2");
    assertThat(logged).isEmpty();
  }

  @Test
  void the_server_keeps_serving_after_a_failure() {
    FAILURE.set(new NullPointerException());
    Problems.assertProblem(api.get("/health", null), 500);
    FAILURE.set(null);

    assertThat(api.get("/health", null).status()).isEqualTo(200);
  }
}
