package io.warden.adapter.in.http;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.warden.application.port.in.AuthenticationUseCase;
import io.warden.application.port.in.Caller;
import io.warden.application.port.in.Unauthenticated;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Finds the caller of a request from its {@code Authorization: Bearer} header. The token is
 * verified (signature, expiry, revocation) by {@link AuthenticationUseCase#authenticate}; this
 * class only rejects what is not a bearer token at all. The caller is kept in the request context,
 * so a filter that needs it (a per-user rate limit) and the handler authenticate once between them.
 */
final class BearerAuthentication {
  /** RFC 6750 {@code b64token}; anything else cannot be one of our tokens. */
  private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9\\-._~+/]+=*");

  private static final int MAX_TOKEN_LENGTH = 8192;
  private static final String SCHEME = "Bearer ";

  private final AuthenticationUseCase authentication;

  BearerAuthentication(AuthenticationUseCase authentication) {
    this.authentication = authentication;
  }

  /** The authenticated caller, or {@link Unauthenticated} (401). */
  Caller caller(ServerRequest req) {
    Optional<Caller> known = req.context().get(Caller.class);
    if (known.isPresent()) {
      return known.get();
    }
    Caller caller = authentication.authenticate(token(req));
    req.context().register(caller);
    return caller;
  }

  static String token(ServerRequest req) {
    List<String> values = req.headers().all(HeaderNames.AUTHORIZATION, List::of);
    if (values.isEmpty()) {
      throw new Unauthenticated("an Authorization: Bearer token is required");
    }
    if (values.size() > 1) {
      throw new Unauthenticated("exactly one Authorization header is allowed");
    }
    String value = values.get(0).strip();
    if (!value.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
      throw new Unauthenticated("the Authorization header must use the Bearer scheme");
    }
    String token = value.substring(SCHEME.length()).strip();
    if (token.isEmpty() || token.length() > MAX_TOKEN_LENGTH || !TOKEN.matcher(token).matches()) {
      throw new Unauthenticated("the bearer token is malformed");
    }
    return token;
  }
}
