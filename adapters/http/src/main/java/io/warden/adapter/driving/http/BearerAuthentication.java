package io.warden.adapter.driving.http;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.warden.application.port.driving.Caller;
import io.warden.application.port.driving.RequestAuthenticationUseCase;
import io.warden.application.port.driving.RequestAuthenticationUseCase.Authentication;
import io.warden.application.port.driving.RequestAuthenticationUseCase.BearerToken;
import io.warden.application.port.driving.RequestContext;
import io.warden.application.port.driving.Unauthenticated;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Finds the caller of a request from its {@code Authorization} header: parsing and verification are
 * the use case's ({@link RequestAuthenticationUseCase}), this class only reads the header and keeps
 * the caller with the request ({@link RequestIds.Exchange}), so a filter that needs it (a per-user
 * rate limit) and the handler authenticate once between them.
 */
final class BearerAuthentication {
  private final RequestAuthenticationUseCase authentication;

  BearerAuthentication(RequestAuthenticationUseCase authentication) {
    this.authentication = authentication;
  }

  /** The caller, or why the request has none; never throws for a missing or bad token. */
  Authentication authenticate(ServerRequest req) {
    RequestIds.Exchange exchange = RequestIds.exchange(req);
    Caller known = known(req, exchange);
    if (known != null) {
      return new Authentication.Authenticated(known);
    }
    Authentication result =
        authentication.authenticate(
            BearerToken.of(req.headers().all(HeaderNames.AUTHORIZATION, List::of)));
    if (result instanceof Authentication.Authenticated authenticated) {
      // The caller makes this request: the use cases write its id into their audit events.
      Caller caller = authenticated.caller();
      if (exchange != null) {
        caller = caller.withRequestId(exchange.requestId());
        exchange.caller(caller);
      } else {
        req.context().register(caller); // without RequestIds (a test's routing): Helidon's context
      }
      RequestContext.actor(caller.userId());
      return caller == authenticated.caller()
          ? authenticated
          : new Authentication.Authenticated(caller);
    }
    return result;
  }

  /** The caller this request already authenticated, or null. */
  private static @Nullable Caller known(ServerRequest req, RequestIds.@Nullable Exchange exchange) {
    if (exchange != null) {
      return exchange.caller();
    }
    // Without RequestIds the caller is kept in Helidon's context, which asking builds.
    Optional<Caller> known = req.context().get(Caller.class);
    return known.orElse(null);
  }

  /** The caller of a handler's request; a rejection becomes the 401 of the one error mapping. */
  Caller caller(ServerRequest req) {
    Caller known = known(req, RequestIds.exchange(req)); // a filter authenticated it
    if (known != null) {
      return known;
    }
    return switch (authenticate(req)) {
      case Authentication.Authenticated authenticated -> authenticated.caller();
      case Authentication.Rejected rejected ->
          throw new Unauthenticated(rejected.failure().detail());
    };
  }
}
