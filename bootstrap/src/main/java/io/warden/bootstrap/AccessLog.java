package io.warden.bootstrap;

import io.warden.adapter.driving.http.RequestObserver;

/**
 * One line per answered request on the logger {@value #LOGGER} at INFO: method, path (never the
 * query, which may carry a ticket), status, milliseconds, request id. In JSON-lines mode each is a
 * field of its own ({@link JsonLinesFormatter}).
 */
final class AccessLog {
  static final String LOGGER = "io.warden.access";

  private static final System.Logger LOG = System.getLogger(LOGGER);

  private AccessLog() {}

  static RequestObserver observer() {
    return (method, path, status, nanos, requestId) -> {
      if (LOG.isLoggable(System.Logger.Level.INFO)) {
        LOG.log(
            System.Logger.Level.INFO,
            "{0} {1} {2} {3} ms {4}",
            method,
            path,
            status,
            String.format(java.util.Locale.ROOT, "%.3f", nanos / 1e6),
            requestId == null ? "-" : requestId);
      }
    };
  }
}
