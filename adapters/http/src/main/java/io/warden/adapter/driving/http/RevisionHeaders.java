package io.warden.adapter.driving.http;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerResponse;

/**
 * Read-your-writes across instances (issue #14): {@code Warden-Revision: <n>} on the answer to
 * every request whose change committed with revision {@code n} (the change journal's data version).
 */
final class RevisionHeaders {
  static final HeaderName WARDEN_REVISION = HeaderNames.create("Warden-Revision");

  private RevisionHeaders() {}

  /** Puts the revision of the request's committed change on its answer, if not sent already. */
  static void stamp(ServerResponse res, long revision) {
    if (!res.isSent()) {
      res.header(WARDEN_REVISION, Long.toString(revision));
    }
  }
}
