package io.warden.adapter.driving.http;

import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import java.util.OptionalLong;

/**
 * Refuses a declared body over {@link WardenHttp#MAX_PAYLOAD_BYTES} with 413 before any handler
 * runs, on every endpoint. The connection stays open: Helidon reads and discards the rest of the
 * body (up to {@link WardenHttp#DISCARD_LIMIT_BYTES}), so the client, still sending, gets the
 * response rather than a reset connection. Chunked bodies are counted by {@link JsonBody} instead.
 */
final class BodySizeLimit implements Filter {

  @Override
  public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
    OptionalLong declared = req.headers().contentLength();
    if (declared.isPresent() && declared.getAsLong() > WardenHttp.MAX_PAYLOAD_BYTES) {
      throw ProblemException.payloadTooLarge(WardenHttp.MAX_PAYLOAD_BYTES);
    }
    chain.proceed();
  }
}
