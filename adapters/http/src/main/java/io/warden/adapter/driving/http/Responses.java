package io.warden.adapter.driving.http;

import io.helidon.http.Header;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerResponse;
import jakarta.json.JsonValue;

/** Writing successful responses: JSON with its status, or 204 without a body. */
final class Responses {
  static final String JSON = "application/json";

  private Responses() {}

  static void ok(ServerResponse res, JsonValue body) {
    json(res, Status.OK_200, body);
  }

  static void created(ServerResponse res, JsonValue body) {
    json(res, Status.CREATED_201, body);
  }

  static void noContent(ServerResponse res) {
    res.status(Status.NO_CONTENT_204).send();
  }

  /** A response carrying credentials: RFC 6749 section 5.1 forbids any cache to keep it. */
  static void tokens(ServerResponse res, JsonValue body) {
    res.header(HeaderNames.CACHE_CONTROL, "no-store");
    res.header(HeaderNames.PRAGMA, "no-cache");
    ok(res, body);
  }

  static void json(ServerResponse res, Status status, JsonValue body) {
    json(res, status, JsonCodec.bytes(body));
  }

  /** A 200 with JSON already written ({@link JsonBytes#object}). */
  static void ok(ServerResponse res, byte[] json) {
    json(res, Status.OK_200, json);
  }

  private static void json(ServerResponse res, Status status, byte[] json) {
    res.status(status);
    // A constant with its bytes, not a header built from name and value for every answer.
    res.header(HeaderValues.CONTENT_TYPE_JSON);
    res.header(contentLength(json.length));
    res.send(json);
  }

  /**
   * The lengths of short answers, each header built once with its bytes: the response would
   * otherwise write the number out, wrap it in a header and encode it again, for every answer.
   */
  private static final Header[] CONTENT_LENGTHS = new Header[1024];

  static Header contentLength(int length) {
    if (length >= CONTENT_LENGTHS.length) {
      return HeaderValues.createCached(HeaderNames.CONTENT_LENGTH, length);
    }
    Header header = CONTENT_LENGTHS[length];
    if (header == null) {
      header = HeaderValues.createCached(HeaderNames.CONTENT_LENGTH, length);
      CONTENT_LENGTHS[length] = header; // a benign race: equal headers
    }
    return header;
  }
}
