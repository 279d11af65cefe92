package io.warden.adapter.driven.postgres;

import io.warden.application.port.driven.PermissionSnapshot;
import io.warden.domain.model.organization.OrganizationGrants;
import io.warden.domain.model.organization.OrganizationId;
import io.warden.domain.model.permission.PermissionSet;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonBuilderFactory;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.stream.JsonParser;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code set} member of an {@link InvalidationMessage}: a user's new permission set, {@code
 * {"v":42,"p":["a.b",…],"o":["<organization id>|a.b,c.d",…],"member":true,"read":<epoch ms>,
 * "until":<epoch ms>}} ({@code until} only when it expires), written and read here so that the two
 * sides cannot drift apart.
 */
final class AnnouncedSetJson {
  private static final Set<String> KEYS = Set.of("v", "p", "o", "member", "read", "until");

  private AnnouncedSetJson() {}

  /** The wire form of {@code now}. */
  static JsonObjectBuilder write(PermissionSnapshot now, JsonBuilderFactory builders) {
    JsonArrayBuilder names = builders.createArrayBuilder();
    now.permissions().names().forEach(names::add);
    JsonArrayBuilder scoped = builders.createArrayBuilder();
    now.scoped()
        .byOrganization()
        .forEach((id, granted) -> scoped.add(id.value() + "|" + String.join(",", granted.names())));
    JsonObjectBuilder json =
        builders
            .createObjectBuilder()
            .add("v", now.version())
            .add("p", names)
            .add("o", scoped)
            .add("member", now.cacheable())
            .add("read", now.computedAt().toEpochMilli());
    now.validUntil().ifPresent(until -> json.add("until", until.toEpochMilli()));
    return json;
  }

  /**
   * The {@code set} object, its {@code START_OBJECT} read: exactly its known keys, each once, names
   * that are permission names, canonical organization ids.
   */
  static PermissionSnapshot read(JsonParser parser) {
    Map<String, Object> members =
        StrictJson.members(
            parser,
            KEYS,
            "set.",
            (event, key) ->
                switch (event) {
                  case VALUE_NUMBER -> StrictJson.integer(parser, key);
                  case VALUE_TRUE -> Boolean.TRUE;
                  case VALUE_FALSE -> Boolean.FALSE;
                  case START_ARRAY -> strings(parser, key);
                  default ->
                      throw new IllegalArgumentException("\"set." + key + "\" has the wrong type");
                });
    long version = StrictJson.member(members, "v", Long.class);
    List<?> names = StrictJson.member(members, "p", List.class);
    List<?> scoped = StrictJson.member(members, "o", List.class);
    boolean member = StrictJson.member(members, "member", Boolean.class);
    Instant read = Instant.ofEpochMilli(StrictJson.member(members, "read", Long.class));
    Optional<Instant> until =
        StrictJson.optional(members, "until", "set.until", Long.class).map(Instant::ofEpochMilli);
    Map<OrganizationId, PermissionSet> byOrganization = new LinkedHashMap<>();
    for (Object grant : scoped) {
      String text = (String) grant;
      int bar = text.indexOf('|');
      if (bar < 0) {
        throw new IllegalArgumentException("\"set.o\" holds no organization|names");
      }
      OrganizationId id =
          new OrganizationId(StrictJson.canonicalUuid(text.substring(0, bar), "set.o"));
      byOrganization.put(
          id, PermissionSet.of(Arrays.asList(text.substring(bar + 1).split(",", -1))));
    }
    try {
      return new PermissionSnapshot(
          PermissionSet.of(names.stream().map(String.class::cast).toList()),
          version,
          until,
          member,
          read,
          PermissionSnapshot.DATABASE,
          OrganizationGrants.of(byOrganization));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("\"set\" is not a permission set: " + e.getMessage(), e);
    }
  }

  private static List<String> strings(JsonParser parser, String key) {
    List<String> strings = new ArrayList<>();
    for (JsonParser.Event event = parser.next();
        event != JsonParser.Event.END_ARRAY;
        event = parser.next()) {
      if (event != JsonParser.Event.VALUE_STRING) {
        throw new IllegalArgumentException("\"set." + key + "\" holds a non-string");
      }
      strings.add(parser.getString());
    }
    return strings;
  }
}
