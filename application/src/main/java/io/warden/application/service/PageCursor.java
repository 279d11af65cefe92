package io.warden.application.service;

import io.warden.application.port.driving.ListingUseCase.Page;
import io.warden.domain.model.InvalidValueException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The one cursor format of every list ordered by id: the last id of the previous page in URL-safe
 * Base64, opaque to clients. Fetching one row more than asked tells whether a next page exists.
 */
final class PageCursor {
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
    } catch (IllegalArgumentException | InvalidValueException e) {
      throw new InvalidValueException("cursor", "is not a cursor of this list");
    }
  }

  /** The cursor after {@code rows} (fetched with limit + 1) and the page itself. */
  static <T> Page<T> page(List<T> rows, int limit, Function<T, Object> id) {
    boolean more = rows.size() > limit;
    List<T> items = more ? rows.subList(0, limit) : rows;
    Optional<String> next =
        more ? Optional.of(encode(id.apply(items.get(items.size() - 1)))) : Optional.empty();
    return new Page<>(items, next);
  }
}
