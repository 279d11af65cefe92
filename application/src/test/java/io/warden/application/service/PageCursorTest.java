package io.warden.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.warden.application.port.driven.AuditLog;
import io.warden.application.port.driving.ListingUseCase.Page;
import io.warden.domain.model.InvalidValueException;
import io.warden.domain.model.user.UserId;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The one cursor codec: both payloads round-trip, and anything else is a 400 on "cursor". */
class PageCursorTest {
  private static String base64(String text) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void an_id_round_trips() {
    UserId id = UserId.random();
    assertThat(PageCursor.decode(PageCursor.encode(id), UserId::parse)).isEqualTo(id);
  }

  @Test
  void an_audit_position_round_trips_and_keeps_the_format_clients_already_hold() {
    Instant at = Instant.parse("2026-01-02T03:04:05.123456Z");
    UUID id = UUID.randomUUID();

    String cursor = PageCursor.encodeAfter(at, id);

    assertThat(cursor).isEqualTo(base64(at + "|" + id));
    assertThat(PageCursor.decodeAfter(cursor)).isEqualTo(new AuditLog.After(at, id));
  }

  @Test
  void anything_else_is_refused_on_the_cursor_field() {
    UUID id = UUID.randomUUID();
    List<String> bad =
        List.of(
            "%%%",
            "",
            base64("hello"),
            base64("no-bar-" + id),
            base64("yesterday|" + id),
            base64("2026-01-02T03:04:05Z|not-a-uuid"),
            base64("|"),
            // An id cursor is not an audit cursor.
            PageCursor.encode(id));
    for (String cursor : bad) {
      assertThatThrownBy(() -> PageCursor.decodeAfter(cursor))
          .as(cursor)
          .isInstanceOf(InvalidValueException.class)
          .extracting(e -> ((InvalidValueException) e).field())
          .isEqualTo("cursor");
    }
    // An audit cursor is not an id cursor either.
    String audit = PageCursor.encodeAfter(Instant.EPOCH, id);
    assertThatThrownBy(() -> PageCursor.decode(audit, UserId::parse))
        .isInstanceOf(InvalidValueException.class);
  }

  @Test
  void a_page_has_a_cursor_only_when_a_row_beyond_the_limit_was_fetched() {
    Page<String> full = PageCursor.page(List.of("a", "b", "c"), 2, s -> s);
    Page<String> last = PageCursor.page(List.of("a", "b"), 2, s -> s);

    assertThat(full.items()).containsExactly("a", "b");
    assertThat(full.nextCursor()).contains(PageCursor.encode("b"));
    assertThat(last.items()).containsExactly("a", "b");
    assertThat(last.nextCursor()).isEqualTo(Optional.empty());
  }
}
