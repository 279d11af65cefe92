package io.warden.adapter.driving.http;

import org.jspecify.annotations.Nullable;

/**
 * Told of every request once its answer is sent: bootstrap counts them (database statements per
 * request) and writes the optional access log with it.
 */
@FunctionalInterface
public interface RequestObserver {

  /**
   * @param method the request method
   * @param path the request path, without the query (which may carry a ticket)
   * @param status the status sent
   * @param nanos from routing to the end of the handler
   * @param requestId the {@code X-Request-Id} the answer carries, or null
   */
  void answered(String method, String path, int status, long nanos, @Nullable String requestId);

  RequestObserver NONE = (method, path, status, nanos, requestId) -> {};
}
