package io.warden.bootstrap.e2e;

import static io.warden.bootstrap.e2e.WardenApi.expect;
import static org.assertj.core.api.Assertions.assertThat;

import io.warden.bootstrap.testing.WardenClient;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Reads the audit trail over HTTP, following {@code nextCursor} to the last page. */
final class AuditPages {
  private AuditPages() {}

  /**
   * Every event {@code token} may read with the query {@code filter} ({@code ""} or {@code
   * "action=...&..."}), newest first, {@code limit} per page; fails on a repeated event.
   */
  static List<JsonObject> all(WardenClient client, String token, String filter, int limit) {
    List<JsonObject> events = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    String cursor = null;
    for (int page = 0; page < 10_000; page++) {
      StringBuilder path = new StringBuilder("/api/audit?limit=").append(limit);
      if (!filter.isEmpty()) {
        path.append('&').append(filter);
      }
      if (cursor != null) {
        path.append("&cursor=").append(URLEncoder.encode(cursor, StandardCharsets.UTF_8));
      }
      JsonObject answer = expect(client.get(path.toString(), token), 200).json();
      assertThat(answer.keySet()).containsExactlyInAnyOrder("items", "nextCursor");
      for (JsonValue item : answer.getJsonArray("items")) {
        JsonObject event = item.asJsonObject();
        assertThat(ids.add(event.getString("id"))).as("repeated %s", event).isTrue();
        events.add(event);
      }
      JsonValue next = answer.get("nextCursor");
      if (next.getValueType() == JsonValue.ValueType.NULL) {
        return events;
      }
      cursor = WardenClient.string(next);
    }
    throw new AssertionError("the audit trail never ended");
  }

  static List<JsonObject> all(WardenClient client, String token) {
    return all(client, token, "", 500);
  }

  /** The events carrying {@code requestId}. */
  static List<JsonObject> ofRequest(List<JsonObject> events, String requestId) {
    return events.stream()
        .filter(e -> e.get("requestId").getValueType() == JsonValue.ValueType.STRING)
        .filter(e -> e.getString("requestId").equals(requestId))
        .toList();
  }

  /** Asserts the contract's shape of one event. */
  static void assertShape(JsonObject event) {
    assertThat(event.keySet())
        .containsExactlyInAnyOrder(
            "id", "at", "actor", "action", "tenantId", "target", "details", "requestId");
    assertThat(event.get("target").getValueType()).isEqualTo(JsonValue.ValueType.OBJECT);
    assertThat(event.get("details").getValueType()).isEqualTo(JsonValue.ValueType.OBJECT);
    if (event.get("actor").getValueType() == JsonValue.ValueType.OBJECT) {
      assertThat(event.getJsonObject("actor").keySet())
          .containsExactlyInAnyOrder("userId", "email");
    } else {
      assertThat(event.get("actor")).isEqualTo(JsonValue.NULL);
    }
  }
}
