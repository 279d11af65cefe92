package io.warden.adapter.in.http;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonBuilderFactory;
import jakarta.json.JsonException;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonValue;
import jakarta.json.JsonWriter;
import jakarta.json.JsonWriterFactory;
import jakarta.json.spi.JsonProvider;
import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * JSON-P factories, looked up once: {@code jakarta.json.Json}'s static methods search for a
 * provider on every call, which the hot path cannot afford.
 */
final class JsonCodec {
  private static final JsonProvider PROVIDER = JsonProvider.provider();
  private static final JsonBuilderFactory BUILDERS = PROVIDER.createBuilderFactory(Map.of());
  private static final JsonReaderFactory READERS = PROVIDER.createReaderFactory(Map.of());
  private static final JsonWriterFactory WRITERS = PROVIDER.createWriterFactory(Map.of());

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

  /** Compact UTF-8 bytes of {@code value}. */
  static byte[] bytes(JsonValue value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try (JsonWriter writer = WRITERS.createWriter(out, StandardCharsets.UTF_8)) {
      writer.write(value);
    }
    return out.toByteArray();
  }

  /** Parses one complete JSON value; {@link JsonException} when the text is not exactly that. */
  static JsonValue parse(String text) {
    try (JsonReader reader = READERS.createReader(new StringReader(text))) {
      return reader.readValue();
    }
  }
}
