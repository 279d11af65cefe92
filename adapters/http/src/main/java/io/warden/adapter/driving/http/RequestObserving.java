package io.warden.adapter.driving.http;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

/** Tells the {@link RequestObserver} of each request after its handler ran, errors included. */
final class RequestObserving implements Filter {
  static final HeaderName X_REQUEST_ID = HeaderNames.create("X-Request-Id");

  private final RequestObserver observer;

  RequestObserving(RequestObserver observer) {
    this.observer = observer;
  }

  @Override
  public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
    long start = System.nanoTime();
    try {
      chain.proceed();
    } finally {
      String requestId =
          res.headers().contains(X_REQUEST_ID)
              ? res.headers().get(X_REQUEST_ID).get()
              : req.headers().first(X_REQUEST_ID).orElse(null);
      observer.answered(
          req.prologue().method().text(),
          req.path().path(),
          res.status().code(),
          System.nanoTime() - start,
          requestId);
    }
  }
}
