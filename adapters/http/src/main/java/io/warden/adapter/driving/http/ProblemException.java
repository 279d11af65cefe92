package io.warden.adapter.driving.http;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import java.util.Map;

/**
 * A failure of the HTTP exchange itself (wrong method, body too large, not JSON) that the adapter
 * raises; its message is written for the client, and {@link ProblemResponses} renders it.
 */
final class ProblemException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient Status status;
  private final transient Map<HeaderName, String> headers;

  private ProblemException(Status status, String detail, Map<HeaderName, String> headers) {
    super(detail, null, false, false);
    this.status = status;
    this.headers = headers;
  }

  static ProblemException methodNotAllowed(String method, String allowed) {
    return new ProblemException(
        Status.METHOD_NOT_ALLOWED_405,
        method + " is not allowed here; allowed: " + allowed,
        Map.of(HeaderNames.ALLOW, allowed));
  }

  static ProblemException payloadTooLarge(long maxBytes) {
    return new ProblemException(
        Status.REQUEST_ENTITY_TOO_LARGE_413,
        "the request body exceeds " + maxBytes + " bytes",
        Map.of());
  }

  static ProblemException unsupportedMediaType(String contentType) {
    return new ProblemException(
        Status.UNSUPPORTED_MEDIA_TYPE_415,
        "the body must be application/json (UTF-8), not " + contentType,
        Map.of());
  }

  Status status() {
    return status;
  }

  Map<HeaderName, String> headers() {
    return headers;
  }
}
