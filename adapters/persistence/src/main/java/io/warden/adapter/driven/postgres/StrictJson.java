package io.warden.adapter.driven.postgres;

import jakarta.json.stream.JsonParser;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The strict readings an invalidation message and the set it carries share: an object's members
 * (known keys, each once), a member of the expected kind, present or optional, a canonical UUID, an
 * integer that fits a {@code long}. Each failure is an {@link IllegalArgumentException} naming the
 * key, which the listener treats as an unreadable message.
 */
final class StrictJson {
  private StrictJson() {}

  /** How one member's value is read, from the parser event that starts it. */
  @FunctionalInterface
  interface Value {
    Object read(JsonParser.Event event, String key);
  }

  /**
   * The members of the object whose {@code START_OBJECT} was just read, through its {@code
   * END_OBJECT}: only {@code keys}, each once, each value as {@code value} reads it; {@code label}
   * goes before a key in the errors ({@code "set."} inside the set).
   */
  static Map<String, Object> members(
      JsonParser parser, Set<String> keys, String label, Value value) {
    Map<String, Object> members = new HashMap<>();
    for (JsonParser.Event event = parser.next();
        event != JsonParser.Event.END_OBJECT;
        event = parser.next()) {
      String key = parser.getString();
      if (!keys.contains(key)) {
        throw new IllegalArgumentException("unknown key \"" + label + key + "\"");
      }
      if (members.put(key, value.read(parser.next(), key)) != null) {
        throw new IllegalArgumentException("duplicate key \"" + label + key + "\"");
      }
    }
    return members;
  }

  /** The member {@code key}, which must be present and a {@code kind}. */
  static <T> T member(Map<String, Object> members, String key, Class<T> kind) {
    Object value = members.get(key);
    if (value == null) {
      throw new IllegalArgumentException("missing \"" + key + "\"");
    }
    if (!kind.isInstance(value)) {
      throw new IllegalArgumentException("\"" + key + "\" has the wrong type");
    }
    return kind.cast(value);
  }

  /**
   * The member {@code key} if present, which must then be a {@code kind}; {@code shown} is its name
   * in the error ({@code "set.until"} for a key of the set).
   */
  static <T> Optional<T> optional(
      Map<String, Object> members, String key, String shown, Class<T> kind) {
    Object value = members.get(key);
    if (value != null && !kind.isInstance(value)) {
      throw new IllegalArgumentException("\"" + shown + "\" has the wrong type");
    }
    return Optional.ofNullable(kind.cast(value));
  }

  /** {@code text} as a UUID, only in its canonical form. */
  static UUID canonicalUuid(String text, String key) {
    UUID id;
    try {
      id = UUID.fromString(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("\"" + key + "\" is not a UUID", e);
    }
    // UUID.fromString accepts short forms such as "1-1-1-1-1"; only the canonical one is ours.
    if (!id.toString().equals(text)) {
      throw new IllegalArgumentException("\"" + key + "\" is not a canonical UUID");
    }
    return id;
  }

  /** The number the parser stands on, which must be an integer within a {@code long}. */
  static Long integer(JsonParser parser, String key) {
    if (!parser.isIntegralNumber()) {
      throw new IllegalArgumentException("\"" + key + "\" is not an integer");
    }
    try {
      return parser.getBigDecimal().longValueExact();
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException("\"" + key + "\" is out of range", e);
    }
  }
}
