package io.warden.adapter.driving.http;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.warden.application.port.driving.Caller;
import io.warden.application.port.driving.RequestAuthenticationUseCase;
import io.warden.application.port.driving.RequestContext;
import io.warden.application.port.driving.Unauthenticated;
import java.util.List;
import java.util.Optional;

/**
 * Finds the caller of a request from its {@code Authorization: Bearer} header. The token is
 * verified (signature, expiry, revocation) by {@link RequestAuthenticationUseCase#authenticate};
 * this class only rejects what is not a bearer token at all. The caller is kept in the request
 * context, so a filter that needs it (a per-user rate limit) and the handler authenticate once
 * between them.
 */
final class BearerAuthentication {
  /**
   * The characters of an RFC 6750 {@code b64token} before its {@code =} padding. The grammar is
   * checked by hand rather than by a regular expression: matching a token of several hundred
   * characters with {@code java.util.regex} cost about a third of a warm check's CPU.
   */
  private static final boolean[] TOKEN_CHARS = new boolean[128];

  static {
    for (char c = 'A'; c <= 'Z'; c++) {
      TOKEN_CHARS[c] = true;
      TOKEN_CHARS[Character.toLowerCase(c)] = true;
    }
    for (char c = '0'; c <= '9'; c++) {
      TOKEN_CHARS[c] = true;
    }
    for (char c : "-._~+/".toCharArray()) {
      TOKEN_CHARS[c] = true;
    }
  }

  private static final int MAX_TOKEN_LENGTH = 8192;
  private static final String SCHEME = "Bearer ";

  private final RequestAuthenticationUseCase authentication;

  BearerAuthentication(RequestAuthenticationUseCase authentication) {
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
    RequestContext.actor(caller.userId());
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
    if (token.isEmpty() || token.length() > MAX_TOKEN_LENGTH || !isB64Token(token)) {
      throw new Unauthenticated("the bearer token is malformed");
    }
    return token;
  }

  /**
   * Whether {@code text} is an RFC 6750 {@code b64token}: {@code 1*( ALPHA / DIGIT / "-" / "." /
   * "_" / "~" / "+" / "/" ) *"="}, the whole string.
   */
  static boolean isB64Token(String text) {
    int length = text.length();
    int i = 0;
    while (i < length) {
      char c = text.charAt(i);
      if (c >= TOKEN_CHARS.length || !TOKEN_CHARS[c]) {
        break;
      }
      i++;
    }
    if (i == 0) {
      return false;
    }
    while (i < length && text.charAt(i) == '=') {
      i++;
    }
    return i == length;
  }
}
