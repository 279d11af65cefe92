package io.warden.adapter.driven.postgres;

import io.warden.domain.event.InvalidationScope;
import io.warden.domain.event.RbacEvent;
import io.warden.domain.model.tenant.TenantId;
import io.warden.domain.model.user.UserId;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * The payload of an invalidation notification on channel {@value #CHANNEL}: the data version of the
 * change, its type and the scope it makes stale, as one flat JSON object, e.g. {@code
 * {"v":42,"type":"role.assigned","scope":"user_in_tenant","tenantId":"…","userId":"…"}}. {@code
 * scope} is {@code everything}, {@code tenant}, {@code user} or {@code user_in_tenant}; {@code
 * tenantId} and {@code userId} are present exactly when the scope has them. The writer ({@link
 * #toJson}) and the listener ({@link #parse}) share this class so they cannot drift apart.
 */
public record InvalidationMessage(long version, String type, InvalidationScope scope) {

  /** The PostgreSQL {@code LISTEN}/{@code NOTIFY} channel. */
  public static final String CHANNEL = "warden_invalidation";

  /**
   * The type of the {@code everything} message that announces a new shared-cache epoch (not an
   * {@link RbacEvent}): a listener re-reads {@code CacheEpochs.current()} when it sees it.
   */
  public static final String CACHE_EPOCH_ADVANCED = "cache.epoch.advanced";

  private static final int MAX_TYPE_LENGTH = 100;
  private static final Set<String> KEYS = Set.of("v", "type", "scope", "tenantId", "userId");

  public InvalidationMessage {
    if (version < 0) {
      throw new IllegalArgumentException("version must not be negative");
    }
    Objects.requireNonNull(type, "type");
    if (type.isEmpty() || type.length() > MAX_TYPE_LENGTH) {
      throw new IllegalArgumentException("type must be 1 to " + MAX_TYPE_LENGTH + " characters");
    }
    Objects.requireNonNull(scope, "scope");
  }

  /** The message announcing {@code event}, committed at data version {@code version}. */
  public static InvalidationMessage of(RbacEvent event, long version) {
    return new InvalidationMessage(version, event.type(), event.scope());
  }

  /** The wire form: keys always in the order v, type, scope, tenantId, userId; no whitespace. */
  public String toJson() {
    StringBuilder json = new StringBuilder(160);
    json.append("{\"v\":").append(version);
    json.append(",\"type\":");
    appendString(json, type);
    json.append(",\"scope\":\"").append(scopeName(scope)).append('"');
    switch (scope) {
      case InvalidationScope.Everything everything -> {}
      case InvalidationScope.WholeTenant tenant -> appendId(json, "tenantId", tenant.tenantId());
      case InvalidationScope.WholeUser user -> appendId(json, "userId", user.userId());
      case InvalidationScope.UserInTenant both -> {
        appendId(json, "tenantId", both.tenantId());
        appendId(json, "userId", both.userId());
      }
    }
    return json.append('}').toString();
  }

  /**
   * Reads a payload strictly: a JSON object with exactly the keys its scope needs, each once, a
   * non-negative integer {@code v}, canonical UUIDs, nothing after the object.
   *
   * @throws IllegalArgumentException if {@code json} is anything else
   */
  public static InvalidationMessage parse(String json) {
    Objects.requireNonNull(json, "json");
    Map<String, Object> members = new Reader(json).readObject();
    long version = member(members, "v", Long.class);
    String type = member(members, "type", String.class);
    String scopeName = member(members, "scope", String.class);
    InvalidationScope scope =
        switch (scopeName) {
          case "everything" -> {
            forbid(members, "tenantId", scopeName);
            forbid(members, "userId", scopeName);
            yield new InvalidationScope.Everything();
          }
          case "tenant" -> {
            forbid(members, "userId", scopeName);
            yield new InvalidationScope.WholeTenant(new TenantId(uuid(members, "tenantId")));
          }
          case "user" -> {
            forbid(members, "tenantId", scopeName);
            yield new InvalidationScope.WholeUser(new UserId(uuid(members, "userId")));
          }
          case "user_in_tenant" ->
              new InvalidationScope.UserInTenant(
                  new TenantId(uuid(members, "tenantId")), new UserId(uuid(members, "userId")));
          default -> throw new IllegalArgumentException("unknown scope: " + scopeName);
        };
    return new InvalidationMessage(version, type, scope);
  }

  private static String scopeName(InvalidationScope scope) {
    return switch (scope) {
      case InvalidationScope.Everything everything -> "everything";
      case InvalidationScope.WholeTenant tenant -> "tenant";
      case InvalidationScope.WholeUser user -> "user";
      case InvalidationScope.UserInTenant both -> "user_in_tenant";
    };
  }

  private static void appendId(StringBuilder json, String key, Object id) {
    json.append(",\"").append(key).append("\":\"").append(id).append('"');
  }

  private static void appendString(StringBuilder json, String value) {
    json.append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> json.append("\\\"");
        case '\\' -> json.append("\\\\");
        case '\n' -> json.append("\\n");
        case '\r' -> json.append("\\r");
        case '\t' -> json.append("\\t");
        default -> {
          if (c < 0x20) {
            json.append(String.format("\\u%04x", (int) c));
          } else {
            json.append(c);
          }
        }
      }
    }
    json.append('"');
  }

  private static <T> T member(Map<String, Object> members, String key, Class<T> kind) {
    Object value = members.get(key);
    if (value == null) {
      throw new IllegalArgumentException("missing \"" + key + "\"");
    }
    if (!kind.isInstance(value)) {
      throw new IllegalArgumentException("\"" + key + "\" has the wrong type");
    }
    return kind.cast(value);
  }

  private static void forbid(Map<String, Object> members, String key, String scopeName) {
    if (members.containsKey(key)) {
      throw new IllegalArgumentException("scope " + scopeName + " has no \"" + key + "\"");
    }
  }

  private static UUID uuid(Map<String, Object> members, String key) {
    String text = member(members, key, String.class);
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

  /** A reader for exactly one flat object of string and integer members. */
  private static final class Reader {
    private final String text;
    private int at;

    Reader(String text) {
      this.text = text;
    }

    Map<String, Object> readObject() {
      Map<String, Object> members = new HashMap<>();
      skipWhitespace();
      expect('{');
      skipWhitespace();
      if (peek() == '}') {
        at++;
      } else {
        while (true) {
          skipWhitespace();
          String key = readString();
          if (!KEYS.contains(key)) {
            throw fail("unknown key \"" + key + "\"");
          }
          skipWhitespace();
          expect(':');
          skipWhitespace();
          Object value = peek() == '"' ? readString() : readInteger();
          if (members.put(key, value) != null) {
            throw fail("duplicate key \"" + key + "\"");
          }
          skipWhitespace();
          char next = next();
          if (next == '}') {
            break;
          }
          if (next != ',') {
            throw fail("expected ',' or '}'");
          }
        }
      }
      skipWhitespace();
      if (at != text.length()) {
        throw fail("trailing characters");
      }
      return members;
    }

    private String readString() {
      expect('"');
      StringBuilder value = new StringBuilder();
      while (true) {
        char c = next();
        if (c == '"') {
          return value.toString();
        }
        if (c < 0x20) {
          throw fail("control character in string");
        }
        if (c != '\\') {
          value.append(c);
          continue;
        }
        char escaped = next();
        switch (escaped) {
          case '"', '\\', '/' -> value.append(escaped);
          case 'b' -> value.append('\b');
          case 'f' -> value.append('\f');
          case 'n' -> value.append('\n');
          case 'r' -> value.append('\r');
          case 't' -> value.append('\t');
          case 'u' -> value.append(readHexChar());
          default -> throw fail("bad escape");
        }
      }
    }

    private char readHexChar() {
      if (at + 4 > text.length()) {
        throw fail("short \\u escape");
      }
      int code = 0;
      for (int i = 0; i < 4; i++) {
        int digit = Character.digit(text.charAt(at++), 16);
        if (digit < 0) {
          throw fail("bad \\u escape");
        }
        code = code * 16 + digit;
      }
      return (char) code;
    }

    private Long readInteger() {
      int start = at;
      while (at < text.length() && text.charAt(at) >= '0' && text.charAt(at) <= '9') {
        at++;
      }
      String digits = text.substring(start, at);
      if (digits.isEmpty()) {
        throw fail("expected a string or a non-negative integer");
      }
      if (digits.length() > 1 && digits.charAt(0) == '0') {
        throw fail("leading zero");
      }
      try {
        return Long.parseLong(digits);
      } catch (NumberFormatException e) {
        throw fail("integer out of range");
      }
    }

    private void skipWhitespace() {
      while (at < text.length()) {
        char c = text.charAt(at);
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
          return;
        }
        at++;
      }
    }

    private char peek() {
      if (at >= text.length()) {
        throw fail("unexpected end");
      }
      return text.charAt(at);
    }

    private char next() {
      char c = peek();
      at++;
      return c;
    }

    private void expect(char c) {
      if (next() != c) {
        throw fail("expected '" + c + "'");
      }
    }

    private IllegalArgumentException fail(String problem) {
      return new IllegalArgumentException(
          "not an invalidation message (" + problem + " at " + at + ")");
    }
  }
}
