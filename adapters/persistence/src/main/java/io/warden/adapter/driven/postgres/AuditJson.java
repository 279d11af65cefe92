package io.warden.adapter.driven.postgres;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonBuilderFactory;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code target} and {@code details} of an audit event as a JSON object: the values an {@link
 * io.warden.domain.model.audit.AuditEvent} allows (text, booleans, whole numbers, lists of text)
 * map to JSON strings, booleans, numbers and arrays, and back.
 */
final class AuditJson {
  private static final JsonBuilderFactory BUILDERS = Json.createBuilderFactory(Map.of());
  private static final JsonReaderFactory READERS = Json.createReaderFactory(Map.of());

  private AuditJson() {}

  static String write(Map<String, Object> values) {
    JsonObjectBuilder json = BUILDERS.createObjectBuilder();
    values.forEach(
        (key, value) -> {
          switch (value) {
            case String s -> json.add(key, s);
            case Boolean b -> json.add(key, b);
            case Long l -> json.add(key, l);
            case List<?> items -> {
              JsonArrayBuilder array = BUILDERS.createArrayBuilder();
              items.forEach(item -> array.add(String.valueOf(item)));
              json.add(key, array);
            }
            default ->
                throw new IllegalArgumentException("not an audit value: " + value.getClass());
          }
        });
    return json.build().toString();
  }

  static Map<String, Object> read(String text) {
    JsonObject object;
    try (var reader = READERS.createReader(new StringReader(text))) {
      object = reader.readObject();
    }
    Map<String, Object> values = new LinkedHashMap<>();
    object.forEach((key, value) -> values.put(key, value(value)));
    return values;
  }

  private static Object value(JsonValue value) {
    return switch (value.getValueType()) {
      case STRING -> ((JsonString) value).getString();
      case TRUE -> Boolean.TRUE;
      case FALSE -> Boolean.FALSE;
      case NUMBER -> ((JsonNumber) value).longValueExact();
      case ARRAY ->
          value.asJsonArray().stream().map(item -> ((JsonString) item).getString()).toList();
      default -> throw new IllegalStateException("not an audit value in the store: " + value);
    };
  }
}
