package io.warden.application.service;

import io.warden.application.port.driven.AuditLog;
import io.warden.application.port.driving.ListingUseCase.Page;
import io.warden.domain.model.InvalidValueException;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The one cursor codec of every paged list, opaque to clients: the position after the previous
 * page's last row as text, in URL-safe Base64. Two payloads: lists ordered by id carry that id; the
 * audit trail, ordered newest first, carries the event's time and id ({@code at|id}). Fetching one
 * row more than asked tells whether a next page exists.
 */
final class PageCursor {
  private static final char SEPARATOR = '|';

  private PageCursor() {}

  static String encode(Object lastId) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(lastId.toString().getBytes(StandardCharsets.UTF_8));
  }

  /** The id in {@code cursor}; a 400 on the {@code cursor} field for anything else. */
  static <T> T decode(String cursor, BiFunction<String, String, T> parser) {
    try {
      String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      return parser.apply(text, "cursor");
    } catch (IllegalArgumentException | DateTimeException | InvalidValueException e) {
      throw new InvalidValueException("cursor", "is not a cursor of this list");
    }
  }

  /** The audit trail's payload: the time and id of the previous page's last event. */
  static String encodeAfter(Instant at, UUID id) {
    return encode(at.toString() + SEPARATOR + id);
  }

  /** The audit position in {@code cursor}; a 400 on the {@code cursor} field for anything else. */
  static AuditLog.After decodeAfter(String cursor) {
    return decode(
        cursor,
        (text, field) -> {
          int bar = text.indexOf(SEPARATOR);
          if (bar < 0) {
            throw new InvalidValueException(field, "is not a cursor of this list");
          }
          return new AuditLog.After(
              Instant.parse(text.substring(0, bar)), UUID.fromString(text.substring(bar + 1)));
        });
  }

  /** The cursor after {@code rows} (fetched with limit + 1) and the page itself. */
  static <T> Page<T> page(List<T> rows, int limit, Function<T, Object> id) {
    return pageWith(rows, limit, last -> encode(id.apply(last)));
  }

  /** As {@link #page}, with the cursor of the last row made by {@code cursor}. */
  static <T> Page<T> pageWith(List<T> rows, int limit, Function<T, String> cursor) {
    boolean more = rows.size() > limit;
    List<T> items = more ? rows.subList(0, limit) : rows;
    Optional<String> next =
        more ? Optional.of(cursor.apply(items.get(items.size() - 1))) : Optional.empty();
    return new Page<>(items, next);
  }
}
