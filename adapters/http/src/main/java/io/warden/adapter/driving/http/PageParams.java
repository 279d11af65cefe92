package io.warden.adapter.driving.http;

import io.helidon.webserver.http.ServerRequest;
import io.warden.application.port.driving.ListingUseCase;
import io.warden.application.port.driving.ListingUseCase.PageRequest;
import io.warden.domain.model.InvalidValueException;
import java.util.Optional;

/**
 * The query of a paged list: {@code ?limit} (1 to 500, default 50), {@code ?cursor} (from the
 * previous page) and, where the list searches, {@code ?q} (a prefix). Everything else about a bad
 * value is the use case's to refuse; lengths are checked here before anything is decoded.
 */
final class PageParams {
  /** Far above any cursor this service issues (a Base64 id: 48 characters). */
  static final int MAX_CURSOR_LENGTH = 512;

  private PageParams() {}

  /** Whether the request asks for a page at all (a list kept as a plain array otherwise). */
  static boolean asked(ServerRequest req) {
    return RequestParams.query(req, "limit").isPresent()
        || RequestParams.query(req, "cursor").isPresent();
  }

  /** The page asked for; {@code searchable} false refuses a {@code q}. */
  static PageRequest of(ServerRequest req, boolean searchable) {
    int limit =
        RequestParams.intQuery(
            req, "limit", 1, ListingUseCase.MAX_PAGE_SIZE, ListingUseCase.DEFAULT_PAGE_SIZE);
    Optional<String> cursor = cursor(req);
    Optional<String> q = RequestParams.query(req, "q");
    if (!searchable) {
      InvalidValueException.require(q.isEmpty(), "q", "this list has no search");
    }
    return new PageRequest(q, limit, cursor);
  }

  /**
   * {@code ?cursor}, refused unread when it is longer than any this service issues; also for the
   * paged lists with a query of their own (members, the audit trail).
   */
  static Optional<String> cursor(ServerRequest req) {
    Optional<String> cursor = RequestParams.query(req, "cursor");
    cursor.ifPresent(
        c ->
            InvalidValueException.require(
                c.length() <= MAX_CURSOR_LENGTH, "cursor", "is not a cursor this service issued"));
    return cursor;
  }
}
