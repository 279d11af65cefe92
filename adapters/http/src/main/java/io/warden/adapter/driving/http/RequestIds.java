package io.warden.adapter.driving.http;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.warden.application.port.driving.Caller;
import io.warden.application.port.driving.RequestContext;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongConsumer;
import org.jspecify.annotations.Nullable;

/**
 * {@code X-Request-Id} on every routed response: the caller's, when it sent exactly one sane id (1
 * to {@value #MAX_LENGTH} characters of letters, digits and {@code - _ . :}), else a new random
 * one. The id is kept for the handlers while the request runs ({@link #of}), which hand it to the
 * use cases as data (the audit events carry it), and bound to the request's thread ({@link
 * RequestContext}) for the log lines written while the request runs. Anything else a client sends —
 * control characters, quotes, spaces, an overlong value, several headers — is replaced, never
 * echoed, so the id can be written into logs and JSON without escaping tricks.
 */
final class RequestIds implements Filter {
  static final HeaderName X_REQUEST_ID = HeaderNames.create("X-Request-Id");
  static final int MAX_LENGTH = 128;

  /**
   * The exchange in progress on this thread (a connection's requests run one after another on its
   * own thread, each filter and handler on that thread), or null between requests.
   */
  private static final ThreadLocal<@Nullable Exchange> CURRENT = new ThreadLocal<>();

  @Override
  public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
    String requestId = sane(req.headers().all(X_REQUEST_ID, List::of));
    // One value (no array of them), with its bytes: not copied by the response, nor encoded again.
    res.header(HeaderValues.createCached(X_REQUEST_ID, requestId));
    Exchange exchange = new Exchange(requestId, req, res);
    // Kept here rather than in the request's Helidon context, which Helidon builds on first use
    // only: a context with its id string, its registry and that registry's lock, per request.
    Exchange previous = CURRENT.get();
    CURRENT.set(exchange);
    // The revision of a change the request commits goes on its answer (Warden-Revision); the
    // exchange itself listens, so a request that changes nothing allocates nothing more for it.
    try (RequestContext.Binding binding = RequestContext.bind(requestId, exchange)) {
      chain.proceed();
    } finally {
      CURRENT.set(previous); // set, not removed: the thread's entry stays for its next request
    }
  }

  /** The id of {@code req}; empty only where this filter is not installed. */
  static Optional<String> of(ServerRequest req) {
    Exchange exchange = exchange(req);
    return exchange == null ? Optional.empty() : Optional.of(exchange.requestId);
  }

  /** The exchange of {@code req} while this filter runs it on this thread; null otherwise. */
  static @Nullable Exchange exchange(ServerRequest req) {
    Exchange exchange = CURRENT.get();
    return exchange != null && exchange.req == req ? exchange : null;
  }

  /**
   * One request as this adapter keeps it: its id, and its caller once a filter or the handler has
   * authenticated it ({@link BearerAuthentication}); it also puts the revision of the request's
   * committed change on its answer.
   */
  static final class Exchange implements LongConsumer {
    private final String requestId;
    private final ServerRequest req;
    private final ServerResponse res;
    private @Nullable Caller caller;

    private Exchange(String requestId, ServerRequest req, ServerResponse res) {
      this.requestId = requestId;
      this.req = req;
      this.res = res;
    }

    String requestId() {
      return requestId;
    }

    /** The authenticated caller of the request; null until it is known. */
    @Nullable Caller caller() {
      return caller;
    }

    void caller(Caller caller) {
      this.caller = caller;
    }

    @Override
    public void accept(long revision) {
      RevisionHeaders.stamp(res, revision);
    }
  }

  /** The one id sent, if it is sane; a new random id otherwise. */
  static String sane(List<String> sent) {
    if (sent.size() == 1 && isSane(sent.get(0))) {
      return sent.get(0);
    }
    return randomId();
  }

  /**
   * A random (version 4) UUID from {@link ThreadLocalRandom}: an id names a request, it guards
   * nothing (a client picks its own at will), so it needs no {@code SecureRandom}, whose {@code
   * UUID.randomUUID()} takes a lock shared by every request and a few arrays per call.
   */
  static String randomId() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    long high = (random.nextLong() & ~0xF000L) | 0x4000L; // version 4
    long low = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L; // IETF
    return new UUID(high, low).toString();
  }

  static boolean isSane(String id) {
    int length = id.length();
    if (length < 1 || length > MAX_LENGTH) {
      return false;
    }
    for (int i = 0; i < length; i++) {
      char c = id.charAt(i);
      boolean ok =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || c == '-'
              || c == '_'
              || c == '.'
              || c == ':';
      if (!ok) {
        return false;
      }
    }
    return true;
  }
}
