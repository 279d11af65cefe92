package io.warden.adapter.driving.http;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonBuilderFactory;
import jakarta.json.JsonException;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonParser;
import java.io.StringReader;
import java.util.Map;

/**
 * JSON-P factories, looked up once: {@code jakarta.json.Json}'s static methods search for a
 * provider on every call, which the hot path cannot afford.
 */
final class JsonCodec {
  private static final JsonProvider PROVIDER = JsonProvider.provider();
  private static final JsonBuilderFactory BUILDERS = PROVIDER.createBuilderFactory(Map.of());

  private JsonCodec() {}

  static JsonObjectBuilder object() {
    return BUILDERS.createObjectBuilder();
  }

  static JsonArrayBuilder array() {
    return BUILDERS.createArrayBuilder();
  }

  static JsonValue string(String value) {
    return PROVIDER.createValue(value);
  }

  /**
   * Compact UTF-8 bytes of {@code value}, as a {@code JsonWriter} writes them ({@link JsonBytes}).
   */
  static byte[] bytes(JsonValue value) {
    return JsonBytes.of(value);
  }

  /**
   * Parses exactly one JSON value; {@link JsonException} otherwise. A parser rather than a reader:
   * the reader stops after the first value and would take {@code {"a":1} garbage} as valid.
   */
  static JsonValue parse(String text) {
    try (JsonParser parser = PROVIDER.createParser(new StringReader(text))) {
      if (!parser.hasNext()) {
        throw new JsonException("empty document");
      }
      parser.next();
      JsonValue value = parser.getValue();
      if (parser.hasNext()) {
        throw new JsonException("more than one JSON value");
      }
      return value;
    } catch (JsonException | IllegalStateException e) {
      throw e;
    } catch (RuntimeException e) {
      // Parsson refuses input nested past its depth limit with a bare RuntimeException: it is
      // still the client's malformed input, and must not become a 500.
      throw new JsonException("cannot parse JSON: " + e.getMessage(), e);
    }
  }
}
