package io.warden.adapter.driving.http;

import jakarta.json.JsonArray;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import org.jspecify.annotations.Nullable;

/**
 * Compact UTF-8 JSON of a JSON-P value, byte for byte what Parsson's writer gives (the same
 * escapes: {@code \" \\ \b \f \n \r \t}, other control characters as six-character escapes in
 * lowercase hex, nothing else; an unpaired surrogate as {@code ?}, as its UTF-8 encoder replaces
 * it), written straight into one array of the exact size: a {@code JsonWriter} costs a generator,
 * an {@code OutputStreamWriter} with its encoder and buffers, a growing {@code
 * ByteArrayOutputStream} and the copy out of it, more than the answer of a permission check itself.
 */
final class JsonBytes {
  private static final byte[] HEX = {
    '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'a', 'b', 'c', 'd', 'e', 'f'
  };

  /** Null while measuring: the same code then only counts, so length and bytes always agree. */
  private final byte @Nullable [] out;

  private int at;

  /** Where the members of the flat object being written start ({@link #object}). */
  private int objectStart;

  private JsonBytes(byte @Nullable [] out) {
    this.out = out;
  }

  static byte[] of(JsonValue value) {
    JsonBytes measure = new JsonBytes(null);
    measure.value(value);
    byte[] bytes = new byte[measure.at];
    new JsonBytes(bytes).value(value);
    return bytes;
  }

  /** What {@link #object} writes: members, in order, through {@link #member}. */
  @FunctionalInterface
  interface Members {
    void write(JsonBytes json);
  }

  /**
   * A flat object of the members {@code members} writes, byte for byte what {@link #of} gives for
   * the same object built with JSON-P (the same order, the same escapes), without building it.
   */
  static byte[] object(Members members) {
    JsonBytes measure = new JsonBytes(null);
    measure.members(members);
    byte[] bytes = new byte[measure.at];
    new JsonBytes(bytes).members(members);
    return bytes;
  }

  private void members(Members members) {
    put('{');
    objectStart = at;
    members.write(this);
    put('}');
  }

  /** A string member; a null value is left out. */
  JsonBytes member(String name, @Nullable String value) {
    if (value != null) {
      name(name);
      string(value);
    }
    return this;
  }

  JsonBytes member(String name, boolean value) {
    name(name);
    ascii(value ? "true" : "false");
    return this;
  }

  private void name(String name) {
    if (at != objectStart) {
      put(',');
    }
    string(name);
    put(':');
  }

  private void put(int b) {
    if (out != null) {
      out[at] = (byte) b;
    }
    at++;
  }

  private void value(JsonValue value) {
    switch (value.getValueType()) {
      case OBJECT -> {
        put('{');
        int first = at;
        // forEach, not entrySet(): the unmodifiable map's entry set wraps every entry it yields.
        value
            .asJsonObject()
            .forEach(
                (name, member) -> {
                  if (at != first) {
                    put(',');
                  }
                  string(name);
                  put(':');
                  value(member);
                });
        put('}');
      }
      case ARRAY -> {
        put('[');
        JsonArray items = value.asJsonArray();
        for (int i = 0; i < items.size(); i++) {
          if (i > 0) {
            put(',');
          }
          value(items.get(i));
        }
        put(']');
      }
      case STRING -> string(((JsonString) value).getString());
      case NUMBER -> ascii(value.toString()); // digits, sign, point, exponent
      case TRUE -> ascii("true");
      case FALSE -> ascii("false");
      case NULL -> ascii("null");
      default -> throw new IllegalArgumentException("not a JSON value: " + value.getValueType());
    }
  }

  private void ascii(String text) {
    for (int i = 0; i < text.length(); i++) {
      put(text.charAt(i));
    }
  }

  private void string(String text) {
    put('"');
    int length = text.length();
    for (int i = 0; i < length; i++) {
      char c = text.charAt(i);
      if (c < 0x80) {
        if (c >= 0x20 && c != '"' && c != '\\') {
          put(c);
        } else if (c == '"' || c == '\\') {
          put('\\');
          put(c);
        } else {
          char escape = shortEscape(c);
          put('\\');
          if (escape != 0) {
            put(escape);
          } else {
            put('u');
            put('0');
            put('0');
            put(HEX[c >> 4]);
            put(HEX[c & 0xF]);
          }
        }
      } else if (c < 0x800) {
        put(0xC0 | (c >> 6));
        put(0x80 | (c & 0x3F));
      } else if (Character.isHighSurrogate(c)
          && i + 1 < length
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        int cp = Character.toCodePoint(c, text.charAt(++i));
        put(0xF0 | (cp >> 18));
        put(0x80 | ((cp >> 12) & 0x3F));
        put(0x80 | ((cp >> 6) & 0x3F));
        put(0x80 | (cp & 0x3F));
      } else if (Character.isSurrogate(c)) {
        put('?'); // unpaired: what the UTF-8 encoder of a JsonWriter replaces it with
      } else {
        put(0xE0 | (c >> 12));
        put(0x80 | ((c >> 6) & 0x3F));
        put(0x80 | (c & 0x3F));
      }
    }
    put('"');
  }

  /** The letter of a two-character escape of control character {@code c}, or 0 if it has none. */
  private static char shortEscape(char c) {
    return switch (c) {
      case '\b' -> 'b';
      case '\f' -> 'f';
      case '\n' -> 'n';
      case '\r' -> 'r';
      case '\t' -> 't';
      default -> 0;
    };
  }
}
