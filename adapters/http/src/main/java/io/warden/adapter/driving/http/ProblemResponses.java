package io.warden.adapter.driving.http;

import io.helidon.http.DirectHandler;
import io.helidon.http.DirectHandler.EventType;
import io.helidon.http.DirectHandler.TransportResponse;
import io.helidon.http.HeaderNames;
import io.helidon.http.HttpException;
import io.helidon.http.NotFoundException;
import io.helidon.http.Status;
import io.helidon.webserver.http.DirectHandlers;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.warden.application.port.driven.Overloaded;
import io.warden.application.port.driven.Unavailable;
import io.warden.application.port.driving.Conflict;
import io.warden.application.port.driving.Forbidden;
import io.warden.application.port.driving.NotFound;
import io.warden.application.port.driving.Unauthenticated;
import io.warden.domain.model.InvalidValueException;
import jakarta.json.JsonArray;
import jakarta.json.JsonObjectBuilder;
import java.lang.System.Logger.Level;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The one place where failures become responses: every error is RFC 9457 {@code
 * application/problem+json}, never a stack trace. Use-case failures map to their statuses; anything
 * unexpected is logged with a reference the client can quote and answered with a generic 500.
 */
final class ProblemResponses {
  static final String PROBLEM_JSON = "application/problem+json";

  private static final System.Logger LOGGER = System.getLogger(ProblemResponses.class.getName());
  private static final String BLANK_TYPE = "about:blank";

  private ProblemResponses() {}

  /** Registers the exception mapping on the routing; Helidon picks the most specific class. */
  static void register(HttpRouting.Builder routing) {
    routing
        .error(InvalidValueException.class, ProblemResponses::invalidValue)
        .error(NotFound.class, (req, res, e) -> send(res, Status.NOT_FOUND_404, e.getMessage()))
        .error(Conflict.class, (req, res, e) -> send(res, Status.CONFLICT_409, e.getMessage()))
        .error(Forbidden.class, (req, res, e) -> send(res, Status.FORBIDDEN_403, e.getMessage()))
        .error(Unauthenticated.class, ProblemResponses::unauthenticated)
        .error(Overloaded.class, ProblemResponses::overloaded)
        .error(Unavailable.class, ProblemResponses::unavailable)
        .error(ProblemException.class, ProblemResponses::problem)
        .error(HttpException.class, ProblemResponses::httpException)
        .error(Throwable.class, ProblemResponses::unexpected);
  }

  /** Problem responses for failures Helidon answers before routing (bad request line, 413). */
  static DirectHandlers directHandlers() {
    DirectHandler handler = ProblemResponses::direct;
    DirectHandlers.Builder builder = DirectHandlers.builder();
    for (EventType type : EventType.values()) {
      builder.addHandler(type, handler);
    }
    return builder.build();
  }

  private static void invalidValue(ServerRequest req, ServerResponse res, InvalidValueException e) {
    JsonArray errors =
        JsonCodec.array()
            .add(JsonCodec.object().add("field", e.field()).add("message", e.getMessage()))
            .build();
    send(res, Status.BAD_REQUEST_400, e.field() + " " + e.getMessage(), errors);
  }

  private static void unauthenticated(ServerRequest req, ServerResponse res, Unauthenticated e) {
    res.header(HeaderNames.WWW_AUTHENTICATE, "Bearer");
    send(res, Status.UNAUTHORIZED_401, e.getMessage());
  }

  /** The {@code Retry-After} of a 503 for an unavailable dependency. */
  static final String RETRY_AFTER_UNAVAILABLE_SECONDS = "2";

  private static void unavailable(ServerRequest req, ServerResponse res, Unavailable e) {
    // The message may name hosts or drivers: it goes to the log, the client gets a fixed text.
    LOGGER.log(Level.WARNING, describe(req) + " failed: a dependency is unavailable", e);
    // Outages Warden rides out (a database restart or failover) last seconds: ask again soon.
    res.header(HeaderNames.RETRY_AFTER, RETRY_AFTER_UNAVAILABLE_SECONDS);
    send(
        res,
        Status.SERVICE_UNAVAILABLE_503,
        "a service this request needs is unavailable; try again shortly");
  }

  /** Busy, not broken: no log line per refusal (a flood would flood the log), and a retry hint. */
  private static void overloaded(ServerRequest req, ServerResponse res, Overloaded e) {
    res.header(HeaderNames.RETRY_AFTER, Long.toString(e.retryAfterSeconds()));
    send(res, Status.SERVICE_UNAVAILABLE_503, e.getMessage());
  }

  private static void problem(ServerRequest req, ServerResponse res, ProblemException e) {
    e.headers().forEach((name, value) -> res.header(name, value));
    send(res, e.status(), e.getMessage());
  }

  private static void httpException(ServerRequest req, ServerResponse res, HttpException e) {
    Status status = e.status();
    if (status.code() >= 500) {
      unexpected(req, res, e);
      return;
    }
    e.headers().forEach(res::header);
    String detail =
        e instanceof NotFoundException
            ? "no endpoint at " + req.path().absolute().path()
            : e.getMessage() == null ? status.reasonPhrase() : e.getMessage();
    send(res, status, detail);
  }

  private static void unexpected(ServerRequest req, ServerResponse res, Throwable e) {
    String reference = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
    LOGGER.log(
        Level.ERROR, describe(req) + " failed unexpectedly [reference " + reference + "]", e);
    send(
        res,
        Status.INTERNAL_SERVER_ERROR_500,
        "an unexpected error occurred; it has been logged with reference " + reference);
  }

  private static String describe(ServerRequest req) {
    return req.prologue().method().text() + " " + req.path().absolute().path();
  }

  private static TransportResponse direct(
      DirectHandler.TransportRequest request,
      EventType type,
      Status status,
      io.helidon.http.ServerResponseHeaders headers,
      String message) {
    String detail;
    if (type == EventType.PAYLOAD_TOO_LARGE) {
      detail = "the request body exceeds " + WardenHttp.MAX_PAYLOAD_BYTES + " bytes";
    } else if (status.code() >= 500 || message == null || message.isBlank()) {
      detail = status.reasonPhrase();
    } else {
      detail = message;
    }
    headers.set(HeaderNames.CONTENT_TYPE, PROBLEM_JSON);
    // Answered before routing, so the security filter never ran: set its one universal header.
    headers.set(HeaderNames.X_CONTENT_TYPE_OPTIONS, SecurityHeaders.NOSNIFF);
    return TransportResponse.builder()
        .status(status)
        .headers(headers)
        .keepAlive(type.keepAlive())
        .entity(body(status, detail, null))
        .build();
  }

  static void send(ServerResponse res, Status status, String detail) {
    send(res, status, detail, null);
  }

  private static void send(ServerResponse res, Status status, String detail, JsonArray errors) {
    res.status(status);
    res.header(HeaderNames.CONTENT_TYPE, PROBLEM_JSON);
    res.send(body(status, detail, errors));
  }

  private static byte[] body(Status status, String detail, JsonArray errors) {
    JsonObjectBuilder problem =
        JsonCodec.object()
            .add("type", BLANK_TYPE)
            .add("title", status.reasonPhrase())
            .add("status", status.code())
            .add("detail", detail == null ? status.reasonPhrase() : detail);
    if (errors != null) {
      problem.add("errors", errors);
    }
    return JsonCodec.bytes(problem.build());
  }
}
