package io.warden.domain.model.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AuditEventTest {
  private static final Instant AT = Instant.parse("2026-03-01T10:00:00.123456789Z");

  private static AuditEvent event(String action, Map<String, Object> details) {
    return new AuditEvent(
        UUID.randomUUID(),
        AT,
        Optional.empty(),
        action,
        Optional.empty(),
        Map.of(),
        details,
        Optional.empty());
  }

  @Test
  void keeps_the_instant_to_the_microsecond_as_the_database_does() {
    assertThat(event("role.create", Map.of()).at())
        .isEqualTo(Instant.parse("2026-03-01T10:00:00.123456Z"));
  }

  @Test
  void values_are_text_booleans_whole_numbers_or_lists_of_text_and_are_copied() {
    List<String> names = new ArrayList<>(List.of("a.b"));
    Map<String, Object> details = new HashMap<>();
    details.put("name", "x");
    details.put("changed", true);
    details.put("count", 3);
    details.put("names", names);
    AuditEvent event = event("role.update", details);
    names.add("c.d");
    details.put("later", "y");

    assertThat(event.details())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("name", "x", "changed", true, "count", 3L, "names", List.of("a.b")));
    assertThatThrownBy(() -> event("role.update", Map.of("when", Instant.EPOCH)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> event("role.update", Map.of("ids", List.of(1, 2))))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> event("role.update", Map.of(" ", "x")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void an_action_is_lower_case_words_separated_by_dots() {
    assertThat(event("auth.login_failed", Map.of()).action()).isEqualTo("auth.login_failed");
    for (String bad :
        List.of("login", "Role.create", "role..create", "role.create.", "a b.c", "")) {
      assertThatThrownBy(() -> event(bad, Map.of())).isInstanceOf(IllegalArgumentException.class);
    }
    assertThatThrownBy(() -> event("a." + "b".repeat(64), Map.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
