package io.warden.adapter.driving.http;

import io.helidon.webserver.http.ServerRequest;
import io.warden.domain.model.InvalidValueException;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

/** Path and query parameters, validated into values or a 400 that names the parameter. */
final class RequestParams {
  private RequestParams() {}

  /** A path parameter parsed by a typed id's {@code parse(text, field)}: a bad UUID is a 400. */
  static <T> T pathId(ServerRequest req, String name, BiFunction<String, String, T> parser) {
    return parser.apply(path(req, name), name);
  }

  static String path(ServerRequest req, String name) {
    return req.path().pathParameters().get(name);
  }

  /** A query parameter given at most once; empty when absent or blank. */
  static Optional<String> query(ServerRequest req, String name) {
    List<String> values = req.query().all(name, List::of);
    if (values.size() > 1) {
      throw new InvalidValueException(name, "must be given at most once");
    }
    return values.stream().filter(v -> !v.isBlank()).findFirst();
  }

  static String requiredQuery(ServerRequest req, String name) {
    return query(req, name).orElseThrow(() -> new InvalidValueException(name, "is required"));
  }

  /** An integer query parameter within {@code [min, max]}, or {@code fallback} when absent. */
  static int intQuery(ServerRequest req, String name, int min, int max, int fallback) {
    Optional<String> text = query(req, name);
    if (text.isEmpty()) {
      return fallback;
    }
    String digits = text.get();
    String range = "must be an integer from " + min + " to " + max;
    if (digits.length() > 9 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new InvalidValueException(name, range);
    }
    int value = Integer.parseInt(digits);
    InvalidValueException.require(value >= min && value <= max, name, range);
    return value;
  }
}
