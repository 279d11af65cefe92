package io.warden.adapter.driving.http;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.ServerRequestHeaders;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.warden.application.port.driving.AuthorizationUseCase;
import io.warden.domain.model.InvalidValueException;
import java.util.List;

/**
 * Read-your-writes across instances (issue #14): {@code Warden-Revision: <n>} on the answer to
 * every request whose change committed with revision {@code n} (the change journal's data version),
 * and {@code Warden-Min-Revision: <n>} on a check, batch check, {@code /api/me} or explain, which
 * then answers only from state reflecting every change up to {@code n} ({@link
 * AuthorizationUseCase#atLeast}).
 */
final class RevisionHeaders {
  static final HeaderName WARDEN_REVISION = HeaderNames.create("Warden-Revision");
  static final HeaderName WARDEN_MIN_REVISION = HeaderNames.create("Warden-Min-Revision");

  /** {@code Long.MAX_VALUE} has 19 digits. */
  private static final int MAX_DIGITS = 19;

  private RevisionHeaders() {}

  /** Puts the revision of the request's committed change on its answer, if not sent already. */
  static void stamp(ServerResponse res, long revision) {
    if (!res.isSent()) {
      res.header(WARDEN_REVISION, Long.toString(revision));
    }
  }

  /**
   * {@code authorization} itself when the request asks for no revision (one header lookup, nothing
   * allocated), else the use case honouring the one it asks for.
   *
   * @throws InvalidValueException unless the request sends exactly one decimal revision
   */
  static AuthorizationUseCase honouring(ServerRequest req, AuthorizationUseCase authorization) {
    ServerRequestHeaders headers = req.headers();
    if (!headers.contains(WARDEN_MIN_REVISION)) {
      return authorization;
    }
    return authorization.atLeast(parse(headers.all(WARDEN_MIN_REVISION, List::of)));
  }

  /** The one revision sent: 1 to 19 decimal digits, at most {@code Long.MAX_VALUE}. */
  static long parse(List<String> sent) {
    String field = WARDEN_MIN_REVISION.defaultCase();
    InvalidValueException.require(sent.size() == 1, field, "must be sent once");
    String text = sent.get(0).strip();
    InvalidValueException.require(
        !text.isEmpty()
            && text.length() <= MAX_DIGITS
            && text.chars().allMatch(c -> c >= '0' && c <= '9'),
        field,
        "must be a revision: a whole number a change answered in Warden-Revision");
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw new InvalidValueException(field, "is larger than any revision");
    }
  }
}
