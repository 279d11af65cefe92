package io.warden.adapter.driven.postgres;

import io.warden.application.port.driven.PermissionSnapshot;
import io.warden.domain.event.InvalidationScope;
import io.warden.domain.event.RbacEvent;
import io.warden.domain.model.tenant.TenantId;
import io.warden.domain.model.user.UserId;
import jakarta.json.Json;
import jakarta.json.JsonBuilderFactory;
import jakarta.json.JsonException;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParserFactory;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The payload of an invalidation notification on channel {@value #CHANNEL}: the data version of the
 * change, its type and the scope it makes stale, as one flat JSON object, e.g. {@code
 * {"v":42,"type":"role.assigned","scope":"user_in_tenant","tenantId":"…","userId":"…"}}. {@code
 * scope} is {@code everything}, {@code tenant}, {@code user}, {@code user_in_tenant} or {@code
 * tenant_tree} (a tenant's organization tree, newer than the others: an instance that predates it
 * cannot parse the message and flushes everything instead, never misreads it); {@code tenantId} and
 * {@code userId} are present exactly when the scope has them. {@code at}, optional, is when the
 * writer sent the message (epoch milliseconds; the last statement of its transaction, right before
 * its commit): the start of the revocation latency a listener measures. The writer ({@link
 * #toJson}) and the listener ({@link #parse}) share this class so they cannot drift apart.
 *
 * <p>{@code set}, optional and only with scope {@code user_in_tenant}, is the user's permission set
 * as the change's transaction read it ({@link
 * io.warden.application.port.driven.ChangeJournal#attach}), in the form {@link AnnouncedSetJson}
 * writes and reads. It rides only on the {@code NOTIFY} (not in the change log) and only when the
 * payload stays under PostgreSQL's 8,000 bytes ({@link #MAX_PAYLOAD_BYTES}). A listener may apply
 * it instead of evicting, and only ever to narrow what it holds ({@link
 * PermissionSnapshot#narrowing}): anyone who can {@code NOTIFY} on the database could write one.
 */
public record InvalidationMessage(
    long version,
    String type,
    InvalidationScope scope,
    long journaledAtMillis,
    Optional<PermissionSnapshot> set) {

  /**
   * The longest payload sent with its set; PostgreSQL refuses a {@code NOTIFY} payload of 8,000
   * bytes or more, and a message over this goes without its set.
   */
  public static final int MAX_PAYLOAD_BYTES = 7_900;

  /** The PostgreSQL {@code LISTEN}/{@code NOTIFY} channel. */
  public static final String CHANNEL = "warden_invalidation";

  /**
   * The type of the {@code everything} message that announces a new shared-cache epoch (not an
   * {@link RbacEvent}): a listener re-reads {@code CacheEpochs.current()} when it sees it.
   */
  public static final String CACHE_EPOCH_ADVANCED = "cache.epoch.advanced";

  private static final int MAX_TYPE_LENGTH = 100;
  private static final Set<String> KEYS =
      Set.of("v", "type", "scope", "tenantId", "userId", "at", "set");
  private static final JsonParserFactory PARSERS = Json.createParserFactory(Map.of());
  private static final JsonBuilderFactory BUILDERS = Json.createBuilderFactory(Map.of());

  /** {@link #journaledAtMillis} of a message that does not say when it was journaled. */
  public static final long UNKNOWN_TIME = 0;

  public InvalidationMessage {
    if (version < 0) {
      throw new IllegalArgumentException("version must not be negative");
    }
    if (type.isEmpty() || type.length() > MAX_TYPE_LENGTH) {
      throw new IllegalArgumentException("type must be 1 to " + MAX_TYPE_LENGTH + " characters");
    }
    if (journaledAtMillis < 0) {
      throw new IllegalArgumentException("at must not be negative");
    }
    if (set.isPresent() && !(scope instanceof InvalidationScope.UserInTenant)) {
      throw new IllegalArgumentException("only a user_in_tenant message carries a set");
    }
  }

  /** A message without a set. */
  public InvalidationMessage(
      long version, String type, InvalidationScope scope, long journaledAtMillis) {
    this(version, type, scope, journaledAtMillis, Optional.empty());
  }

  /** A message that does not say when its change was journaled. */
  public InvalidationMessage(long version, String type, InvalidationScope scope) {
    this(version, type, scope, UNKNOWN_TIME);
  }

  /**
   * The wire form of this message carrying {@code now}, the user's new set, when that stays within
   * {@link #MAX_PAYLOAD_BYTES}; otherwise this message's own wire form, without a set.
   */
  public String toJsonWith(PermissionSnapshot now) {
    String carrying =
        new InvalidationMessage(version, type, scope, journaledAtMillis, Optional.of(now)).toJson();
    return carrying.getBytes(StandardCharsets.UTF_8).length <= MAX_PAYLOAD_BYTES
        ? carrying
        : toJson();
  }

  /** The message announcing {@code event}, committed at data version {@code version}. */
  public static InvalidationMessage of(RbacEvent event, long version) {
    return new InvalidationMessage(version, event.type(), event.scope());
  }

  /** The message announcing {@code event}, journaled at {@code atMillis} (epoch milliseconds). */
  public static InvalidationMessage of(RbacEvent event, long version, long atMillis) {
    return new InvalidationMessage(version, event.type(), event.scope(), atMillis);
  }

  /**
   * The wire form: keys always in the order v, type, scope, tenantId, userId, at; no whitespace.
   */
  public String toJson() {
    JsonObjectBuilder json =
        BUILDERS
            .createObjectBuilder()
            .add("v", version)
            .add("type", type)
            .add("scope", scopeName(scope));
    switch (scope) {
      case InvalidationScope.Everything everything -> {}
      case InvalidationScope.WholeTenant tenant ->
          json.add("tenantId", tenant.tenantId().toString());
      case InvalidationScope.WholeUser user -> json.add("userId", user.userId().toString());
      case InvalidationScope.UserInTenant both ->
          json.add("tenantId", both.tenantId().toString()).add("userId", both.userId().toString());
      case InvalidationScope.TenantTree tree -> json.add("tenantId", tree.tenantId().toString());
    }
    if (journaledAtMillis != UNKNOWN_TIME) {
      json.add("at", journaledAtMillis);
    }
    set.ifPresent(now -> json.add("set", AnnouncedSetJson.write(now, BUILDERS)));
    return json.build().toString();
  }

  /**
   * Reads a payload strictly: a JSON object with exactly the keys its scope needs, each once, a
   * non-negative integer {@code v}, canonical UUIDs, nothing after the object.
   *
   * @throws IllegalArgumentException if {@code json} is anything else
   */
  public static InvalidationMessage parse(String json) {
    Map<String, Object> members;
    try (JsonParser parser = PARSERS.createParser(new StringReader(json))) {
      members = readFlatObject(parser);
    } catch (JsonException | NoSuchElementException e) {
      throw new IllegalArgumentException("not an invalidation message: " + e.getMessage(), e);
    }
    long version = StrictJson.member(members, "v", Long.class);
    String type = StrictJson.member(members, "type", String.class);
    String scopeName = StrictJson.member(members, "scope", String.class);
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
          case "tenant_tree" -> {
            forbid(members, "userId", scopeName);
            yield new InvalidationScope.TenantTree(new TenantId(uuid(members, "tenantId")));
          }
          case "user_in_tenant" ->
              new InvalidationScope.UserInTenant(
                  new TenantId(uuid(members, "tenantId")), new UserId(uuid(members, "userId")));
          default -> throw new IllegalArgumentException("unknown scope: " + scopeName);
        };
    return new InvalidationMessage(
        version,
        type,
        scope,
        StrictJson.optional(members, "at", "at", Long.class).orElse(UNKNOWN_TIME),
        StrictJson.optional(members, "set", "set", PermissionSnapshot.class));
  }

  private static String scopeName(InvalidationScope scope) {
    return switch (scope) {
      case InvalidationScope.Everything everything -> "everything";
      case InvalidationScope.WholeTenant tenant -> "tenant";
      case InvalidationScope.WholeUser user -> "user";
      case InvalidationScope.UserInTenant both -> "user_in_tenant";
      case InvalidationScope.TenantTree tree -> "tenant_tree";
    };
  }

  private static void forbid(Map<String, Object> members, String key, String scopeName) {
    if (members.containsKey(key)) {
      throw new IllegalArgumentException("scope " + scopeName + " has no \"" + key + "\"");
    }
  }

  private static UUID uuid(Map<String, Object> members, String key) {
    return StrictJson.canonicalUuid(StrictJson.member(members, key, String.class), key);
  }

  /**
   * Exactly one flat object of string and integer members with known keys, each once, and nothing
   * after it; JSON-P checks the syntax (escapes, numbers, nesting, trailing characters).
   */
  private static Map<String, Object> readFlatObject(JsonParser parser) {
    if (!parser.hasNext() || parser.next() != JsonParser.Event.START_OBJECT) {
      throw new IllegalArgumentException("not an invalidation message: not an object");
    }
    Map<String, Object> members =
        StrictJson.members(
            parser,
            KEYS,
            "",
            (event, key) ->
                switch (event) {
                  case VALUE_STRING -> parser.getString();
                  case VALUE_NUMBER -> StrictJson.integer(parser, key);
                  case START_OBJECT -> {
                    if (!key.equals("set")) {
                      throw new IllegalArgumentException("\"" + key + "\" must not be an object");
                    }
                    yield AnnouncedSetJson.read(parser);
                  }
                  default ->
                      throw new IllegalArgumentException(
                          "\"" + key + "\" is neither a string nor an integer");
                });
    if (parser.hasNext()) {
      throw new IllegalArgumentException("not an invalidation message: trailing characters");
    }
    return members;
  }
}
