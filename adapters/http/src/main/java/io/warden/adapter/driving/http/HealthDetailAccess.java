package io.warden.adapter.driving.http;

import io.helidon.webserver.http.ServerRequest;
import java.util.function.BooleanSupplier;

/**
 * The one decision whether a {@code /health} answer may show each check's detail (pool numbers,
 * breaker state, what failed) or only its status. By default only a caller who may view details (a
 * system administrator, or a holder of {@code metrics.view}) sees them; a management port can
 * decide otherwise for the requests it receives, e.g. {@code (request, caller) ->
 * request.listenerContext().config().name().equals("management") || caller.getAsBoolean()}.
 */
@FunctionalInterface
public interface HealthDetailAccess {

  /**
   * Whether {@code request} may see the details. {@code callerMayView} authenticates the request's
   * bearer token, if it has one, and asks whether that caller may view details: false without a
   * token or with one that does not stand (a health probe is never refused for its token).
   */
  boolean allows(ServerRequest request, BooleanSupplier callerMayView);

  /** The default: the details are for a caller who may view them, wherever the request came. */
  HealthDetailAccess PRIVILEGED_CALLER = (request, callerMayView) -> callerMayView.getAsBoolean();
}
