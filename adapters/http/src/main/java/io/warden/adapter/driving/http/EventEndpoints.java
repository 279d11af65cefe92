package io.warden.adapter.driving.http;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.warden.application.port.driving.PermissionEventsUseCase;
import io.warden.application.port.driving.PermissionEventsUseCase.Event;
import io.warden.application.port.driving.PermissionEventsUseCase.EventStream;
import io.warden.application.port.driving.PermissionEventsUseCase.Opening;
import io.warden.application.port.driving.PermissionEventsUseCase.Ticket;
import io.warden.application.port.driving.RequestAuthenticationUseCase.BearerToken;
import io.warden.application.port.driving.Unauthenticated;
import io.warden.domain.model.InvalidValueException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * {@code GET /api/me/events} (Server-Sent Events) and {@code POST /api/me/events/ticket}. The
 * stream is written by the request's own (virtual) thread, which waits in {@link
 * EventStream#next()} between events: no other thread and no timer per connection. A client that
 * went away is noticed at the next write (a heartbeat at the latest) and its slot given back.
 */
final class EventEndpoints implements WardenService {
  static final String EVENT_STREAM = "text/event-stream";

  /** How long a refused client should wait before it tries again. */
  static final String RETRY_AFTER_SECONDS = "30";

  private final PermissionEventsUseCase events;

  EventEndpoints(PermissionEventsUseCase events) {
    this.events = events;
  }

  @Override
  public void routes(Routes routes) {
    routes.get("/api/me/events", this::stream).post("/api/me/events/ticket", this::ticket);
  }

  private void ticket(ServerRequest req, ServerResponse res) {
    Ticket ticket = events.issueTicket(bearerToken(req));
    res.header(HeaderNames.CACHE_CONTROL, "no-store");
    Responses.created(
        res,
        JsonCodec.object()
            .add("ticket", ticket.value())
            .add("expiresIn", ticket.expiresIn().toSeconds())
            .build());
  }

  private void stream(ServerRequest req, ServerResponse res) {
    Optional<String> ticket = RequestParams.query(req, "ticket");
    if (ticket.isPresent() && req.headers().contains(HeaderNames.AUTHORIZATION)) {
      throw new InvalidValueException("ticket", "must not be sent together with a bearer token");
    }
    Opening opening =
        ticket.isPresent() ? events.openWithTicket(ticket.get()) : events.open(bearerToken(req));
    switch (opening) {
      case Opening.Refused refused -> refuse(res, refused);
      case Opening.Opened opened -> {
        try (EventStream stream = opened.stream()) {
          serve(res, stream);
        }
      }
    }
  }

  private static void refuse(ServerResponse res, Opening.Refused refused) {
    res.header(HeaderNames.RETRY_AFTER, RETRY_AFTER_SECONDS);
    ProblemResponses.send(
        res,
        refused.cap() == PermissionEventsUseCase.Cap.PER_USER
            ? Status.TOO_MANY_REQUESTS_429
            : Status.SERVICE_UNAVAILABLE_503,
        refused.detail());
  }

  private static void serve(ServerResponse res, EventStream stream) {
    res.status(Status.OK_200);
    res.header(HeaderNames.CONTENT_TYPE, EVENT_STREAM);
    res.header(HeaderNames.CACHE_CONTROL, "no-store");
    // Reverse proxies (nginx) would otherwise buffer the stream.
    res.header(HeaderNames.create("X-Accel-Buffering"), "no");
    try (OutputStream out = res.outputStream()) {
      // Sends the headers at once: the client's "open" means its stream is registered.
      write(out, CONNECTED);
      while (true) {
        Event event = stream.next();
        write(out, frame(event));
        if (event instanceof Event.SessionEnded || event instanceof Event.Ended) {
          return;
        }
      }
    } catch (IOException | UncheckedIOException e) {
      // The client went away; closing the stream gives its slot back.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // the server is stopping
    }
  }

  /** The frames every stream sends alike, encoded once (an idle stream sends only these). */
  private static final byte[] CONNECTED = utf8(": connected\n\n");

  private static final byte[] HEARTBEAT = utf8(": heartbeat\n\n");
  private static final byte[] SESSION_ENDED = utf8("event: session-ended\ndata: {}\n\n");
  private static final byte[] NOTHING = new byte[0];

  static byte[] frame(Event event) {
    return switch (event) {
      case Event.Heartbeat h -> HEARTBEAT;
      case Event.SessionEnded s -> SESSION_ENDED;
      // The instance is stopping: the stream ends with no event, and EventSource reconnects.
      case Event.Ended e -> NOTHING;
      case Event.PermissionsChanged changed ->
          utf8(
              "event: permissions-changed\ndata: "
                  + new String(
                      JsonCodec.bytes(
                          JsonCodec.object()
                              .add("revision", changed.revision())
                              .add("tenantId", changed.tenantId().toString())
                              .build()),
                      StandardCharsets.UTF_8)
                  + "\n\n");
    };
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static void write(OutputStream out, byte[] frame) throws IOException {
    out.write(frame);
    out.flush();
  }

  /** The bearer token of the request, or the 401 of a missing or malformed one. */
  private static String bearerToken(ServerRequest req) {
    return switch (BearerToken.of(req.headers().all(HeaderNames.AUTHORIZATION, List::of))) {
      case BearerToken.Presented presented -> presented.token();
      case BearerToken.Unusable unusable -> throw new Unauthenticated(unusable.reason());
    };
  }
}
