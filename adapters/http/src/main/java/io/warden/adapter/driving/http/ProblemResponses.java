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
import io.warden.application.port.driving.Failure;
import io.warden.application.port.driving.FailureKind;
import jakarta.json.JsonArray;
import jakarta.json.JsonObjectBuilder;
import java.lang.System.Logger.Level;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;

/**
 * The one place where failures become responses: every error is RFC 9457 {@code
 * application/problem+json}, never a stack trace. A use case's failure, thrown or returned in a
 * sealed result, is a {@link Failure} whose {@link FailureKind} maps to a status here ({@link
 * #status}); anything unexpected is logged with a reference the client can quote and answered with
 * a generic 500.
 */
final class ProblemResponses {
  static final String PROBLEM_JSON = "application/problem+json";

  private static final System.Logger LOGGER = System.getLogger(ProblemResponses.class.getName());
  private static final String BLANK_TYPE = "about:blank";

  private ProblemResponses() {}

  /**
   * Registers the exception mapping on the routing; Helidon picks the most specific class, so the
   * adapter's own exceptions come first and everything else is classified by {@link Failure#of}.
   */
  static void register(HttpRouting.Builder routing) {
    routing
        .error(ProblemException.class, ProblemResponses::problem)
        .error(HttpException.class, ProblemResponses::httpException)
        .error(Throwable.class, ProblemResponses::thrown);
  }

  /** The status of each kind of failure: the one mapping, for thrown and returned failures. */
  static Status status(FailureKind kind) {
    return switch (kind) {
      case INVALID_INPUT -> Status.BAD_REQUEST_400;
      case UNAUTHENTICATED -> Status.UNAUTHORIZED_401;
      case FORBIDDEN -> Status.FORBIDDEN_403;
      case NOT_FOUND -> Status.NOT_FOUND_404;
      case CONFLICT -> Status.CONFLICT_409;
      case OVERLOADED, UNAVAILABLE -> Status.SERVICE_UNAVAILABLE_503;
    };
  }

  /** Answers a failure a use case returned in its result. */
  static void refuse(ServerRequest req, ServerResponse res, Failure failure) {
    answer(req, res, failure, null);
  }

  private static void thrown(ServerRequest req, ServerResponse res, Throwable e) {
    Failure.of(e)
        .ifPresentOrElse(failure -> answer(req, res, failure, e), () -> unexpected(req, res, e));
  }

  private static void answer(
      ServerRequest req, ServerResponse res, Failure failure, @Nullable Throwable e) {
    Status status = status(failure.kind());
    switch (failure.kind()) {
      case INVALID_INPUT -> invalidValue(res, failure);
      case UNAUTHENTICATED -> {
        res.header(HeaderNames.WWW_AUTHENTICATE, "Bearer");
        send(res, status, failure.detail());
      }
      case OVERLOADED -> overloaded(res, failure);
      case UNAVAILABLE -> unavailable(req, res, e);
      case FORBIDDEN, NOT_FOUND, CONFLICT -> send(res, status, failure.detail());
    }
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

  private static void invalidValue(ServerResponse res, Failure failure) {
    String field = failure.field().orElse("body");
    JsonArray errors =
        JsonCodec.array()
            .add(JsonCodec.object().add("field", field).add("message", failure.detail()))
            .build();
    send(res, Status.BAD_REQUEST_400, field + " " + failure.detail(), errors);
  }

  /** The {@code Retry-After} of a 503 for an unavailable dependency. */
  static final String RETRY_AFTER_UNAVAILABLE_SECONDS = "2";

  private static void unavailable(ServerRequest req, ServerResponse res, @Nullable Throwable e) {
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
  private static void overloaded(ServerResponse res, Failure failure) {
    failure
        .retryAfterSeconds()
        .ifPresent(seconds -> res.header(HeaderNames.RETRY_AFTER, Long.toString(seconds)));
    send(res, Status.SERVICE_UNAVAILABLE_503, failure.detail());
  }

  private static void problem(ServerRequest req, ServerResponse res, ProblemException e) {
    e.headers().forEach((name, value) -> res.header(name, value));
    String detail = e.getMessage(); // never null: every ProblemException factory writes one
    send(res, e.status(), detail == null ? e.status().reasonPhrase() : detail);
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
      @Nullable String message) {
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

  private static void send(
      ServerResponse res, Status status, String detail, @Nullable JsonArray errors) {
    res.status(status);
    res.header(HeaderNames.CONTENT_TYPE, PROBLEM_JSON);
    res.send(body(status, detail, errors));
  }

  private static byte[] body(Status status, String detail, @Nullable JsonArray errors) {
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
