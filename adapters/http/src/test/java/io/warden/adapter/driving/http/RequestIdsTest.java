package io.warden.adapter.driving.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which client-sent request ids are kept and which are replaced. */
class RequestIdsTest {
  private static final String UUID_PATTERN =
      "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

  @Test
  void one_sane_id_is_kept() {
    for (String id :
        List.of("a", "0af7651916cd43dd8448eb211c80319c", "req-1.2:3_x", "x".repeat(128))) {
      assertThat(RequestIds.sane(List.of(id))).isEqualTo(id);
    }
  }

  @Test
  void anything_else_is_replaced_by_a_fresh_random_id() {
    for (List<String> sent :
        List.of(
            List.<String>of(),
            List.of(""),
            List.of("x".repeat(129)),
            List.of("with space"),
            List.of("line\nbreak"),
            List.of("tab\t"),
            List.of("{\"json\":1}"),
            List.of("ünï"),
            List.of("a/b"),
            List.of("%0d%0a"),
            List.of("one", "two"))) {
      String id = RequestIds.sane(sent);
      assertThat(id).as("for %s", sent).matches(UUID_PATTERN);
      assertThat(RequestIds.sane(sent)).as("fresh each time").isNotEqualTo(id);
    }
  }

  @Test
  void a_new_id_is_a_random_version_4_uuid_and_never_repeats() {
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (int i = 0; i < 10_000; i++) {
      String id = RequestIds.randomId();
      java.util.UUID uuid = java.util.UUID.fromString(id);
      assertThat(uuid.version()).isEqualTo(4);
      assertThat(uuid.variant()).isEqualTo(2);
      assertThat(uuid.toString()).isEqualTo(id).matches(UUID_PATTERN);
      assertThat(seen.add(id)).as("repeated %s", id).isTrue();
    }
  }
}
