package io.warden.adapter.driving.http;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.warden.domain.model.InvalidValueException;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.BiFunction;
import org.jspecify.annotations.Nullable;

/**
 * A JSON object request body with typed, validated access to its fields. Every way a body can be
 * wrong becomes a 4xx: too large 413, not JSON 415, and malformed JSON, wrong types or missing
 * fields 400 naming the field, so bad input never reaches a use case and never becomes a 500.
 *
 * <p>Just over 300 lines because reading the body (size limit, content type, UTF-8) and reading its
 * fields (one typed accessor per JSON type, each naming the field it rejects) are the one place
 * every endpoint's input passes ({@code JsonBodyReadTest}, {@code HttpFuzzTest}).
 */
final class JsonBody {
  private final JsonObject object;
  private final String prefix;

  private JsonBody(JsonObject object, String prefix) {
    this.object = object;
    this.prefix = prefix;
  }

  /** The body, which must be a JSON object. */
  static JsonBody required(ServerRequest req) {
    JsonBody body = orNull(req);
    if (body == null) {
      throw new InvalidValueException("body", "is required (a JSON object)");
    }
    return body;
  }

  /** The body if the request has one; an empty body is absent. */
  static Optional<JsonBody> optional(ServerRequest req) {
    return Optional.ofNullable(orNull(req));
  }

  private static @Nullable JsonBody orNull(ServerRequest req) {
    if (!req.content().hasEntity()) {
      return null;
    }
    requireJsonContentType(req);
    byte[] bytes = readLimited(req);
    if (bytes.length == 0) {
      return null;
    }
    JsonValue value;
    try {
      value = JsonCodec.parse(decodeUtf8(bytes));
    } catch (JsonException | IllegalStateException e) {
      throw new InvalidValueException("body", "is not valid JSON");
    }
    if (value.getValueType() != JsonValue.ValueType.OBJECT) {
      throw new InvalidValueException("body", "must be a JSON object");
    }
    return new JsonBody(value.asJsonObject(), "");
  }

  /** A nested object as a body of its own; errors name the field by its full path. */
  static JsonBody nested(JsonValue value, String path) {
    if (value == null || value.getValueType() != JsonValue.ValueType.OBJECT) {
      throw new InvalidValueException(path, "must be a JSON object");
    }
    return new JsonBody(value.asJsonObject(), path + ".");
  }

  private static void requireJsonContentType(ServerRequest req) {
    Optional<String> header = req.headers().first(HeaderNames.CONTENT_TYPE);
    if (header.isEmpty()) {
      return; // no declared type: read it as JSON, as a client sending JSON would expect
    }
    if (header.get().equals(Responses.JSON)) {
      return; // what clients send: the same outcome as the parsing below, without its copies
    }
    String[] parts = header.get().split(";");
    String type = parts[0].strip().toLowerCase(Locale.ROOT);
    boolean json =
        type.equals("application/json")
            || (type.startsWith("application/") && type.endsWith("+json"));
    for (int i = 1; json && i < parts.length; i++) {
      String parameter = parts[i].strip().toLowerCase(Locale.ROOT);
      if (parameter.startsWith("charset=")) {
        String charset = parameter.substring("charset=".length()).replace("\"", "");
        json = charset.equals("utf-8") || charset.equals("utf8");
      }
    }
    if (!json) {
      throw ProblemException.unsupportedMediaType(header.get());
    }
  }

  private static byte[] readLimited(ServerRequest req) {
    long max = WardenHttp.MAX_PAYLOAD_BYTES;
    OptionalLong declared = req.headers().contentLength();
    if (declared.isPresent() && declared.getAsLong() > max) {
      throw ProblemException.payloadTooLarge(max);
    }
    try (InputStream in = req.content().inputStream()) {
      byte[] bytes = readAtMost(in, (int) max + 1, declared);
      if (bytes.length > max) {
        throw ProblemException.payloadTooLarge(max);
      }
      return bytes;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Up to {@code limit} bytes of {@code in}, as {@code in.readNBytes(limit)} reads them, into a
   * buffer sized by the declared length: {@code readNBytes} starts with a zeroed 16 KiB buffer,
   * which for a body of a few dozen bytes was a measurable share of a warm check's CPU.
   */
  static byte[] readAtMost(InputStream in, int limit, OptionalLong declared) throws IOException {
    int capacity =
        declared.isPresent()
            ? (int) Math.min(declared.getAsLong() + 1, limit)
            : Math.min(512, limit);
    byte[] buffer = new byte[Math.max(capacity, 1)];
    int length = 0;
    while (length < limit) {
      if (length == buffer.length) {
        buffer = Arrays.copyOf(buffer, (int) Math.min((long) buffer.length * 2, limit));
      }
      int read = in.read(buffer, length, buffer.length - length);
      if (read < 0) {
        break;
      }
      length += read;
    }
    return length == buffer.length ? buffer : Arrays.copyOf(buffer, length);
  }

  /**
   * The body as text, refusing malformed UTF-8. A body of ASCII alone (a check's, usually) is its
   * own text, one copy and no decoder; anything else goes through a strict decoder.
   */
  static String decodeUtf8(byte[] bytes) {
    boolean ascii = true;
    for (byte b : bytes) {
      if (b < 0) {
        ascii = false;
        break;
      }
    }
    if (ascii) {
      return new String(bytes, StandardCharsets.ISO_8859_1);
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw new InvalidValueException("body", "is not valid UTF-8");
    }
  }

  private String name(String field) {
    return prefix + field;
  }

  private Optional<JsonValue> value(String field) {
    return Optional.ofNullable(present(field));
  }

  /** The field's value, or null when it is absent or {@code null}. */
  private @Nullable JsonValue present(String field) {
    JsonValue value = object.get(field);
    return value == null || value.getValueType() == JsonValue.ValueType.NULL ? null : value;
  }

  /** Whether the field is in the object at all, even as {@code null}. */
  boolean mentions(String field) {
    return object.containsKey(field);
  }

  boolean has(String field) {
    return present(field) != null;
  }

  // The accessors of a check's fields read the object directly: no Optional, lambda or field path
  // is made unless there is something to return or to refuse.

  String requiredString(String field) {
    JsonValue value = present(field);
    if (value == null) {
      throw new InvalidValueException(name(field), "is required");
    }
    return string(value, field);
  }

  Optional<String> optionalString(String field) {
    JsonValue value = present(field);
    return value == null ? Optional.empty() : Optional.of(string(value, field));
  }

  private String string(JsonValue value, String field) {
    if (value.getValueType() != JsonValue.ValueType.STRING) {
      throw new InvalidValueException(name(field), "must be a string");
    }
    return ((JsonString) value).getString();
  }

  Optional<Boolean> optionalBoolean(String field) {
    return value(field)
        .map(
            v ->
                switch (v.getValueType()) {
                  case TRUE -> true;
                  case FALSE -> false;
                  default -> throw new InvalidValueException(name(field), "must be a boolean");
                });
  }

  List<String> requiredStrings(String field) {
    return optionalStrings(field)
        .orElseThrow(() -> new InvalidValueException(name(field), "is required"));
  }

  Optional<List<String>> optionalStrings(String field) {
    return value(field).map(v -> strings(array(v, name(field)), name(field)));
  }

  JsonArray requiredArray(String field) {
    return value(field)
        .map(v -> array(v, name(field)))
        .orElseThrow(() -> new InvalidValueException(name(field), "is required"));
  }

  /** A required id field, parsed by a typed id's {@code parse(text, field)}. */
  <T> T requiredId(String field, BiFunction<String, String, T> parser) {
    return parser.apply(requiredString(field), name(field));
  }

  <T> Optional<T> optionalId(String field, BiFunction<String, String, T> parser) {
    JsonValue value = present(field);
    return value == null
        ? Optional.empty()
        : Optional.of(parser.apply(string(value, field), name(field)));
  }

  /** An optional RFC 3339 timestamp with an offset (e.g. {@code 2030-01-01T00:00:00Z}). */
  Optional<Instant> optionalInstant(String field) {
    return optionalString(field).map(text -> instant(text, name(field)));
  }

  static Instant instant(String text, String field) {
    try {
      return OffsetDateTime.parse(
              text.toUpperCase(Locale.ROOT), DateTimeFormatter.ISO_OFFSET_DATE_TIME)
          .toInstant();
    } catch (DateTimeParseException e) {
      throw new InvalidValueException(field, "must be an RFC 3339 timestamp with offset");
    }
  }

  static String asString(JsonValue value, String field) {
    if (value.getValueType() != JsonValue.ValueType.STRING) {
      throw new InvalidValueException(field, "must be a string");
    }
    return ((JsonString) value).getString();
  }

  private static JsonArray array(JsonValue value, String field) {
    if (value.getValueType() != JsonValue.ValueType.ARRAY) {
      throw new InvalidValueException(field, "must be an array");
    }
    return value.asJsonArray();
  }

  private static List<String> strings(JsonArray array, String field) {
    List<String> strings = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      strings.add(asString(array.get(i), field + "[" + i + "]"));
    }
    return strings;
  }
}
