package io.warden.application.port.driving;

import java.util.List;
import java.util.Objects;

/**
 * The hot path of every request: a bearer token parsed, verified, and its caller found. Any adapter
 * that receives HTTP-style credentials (HTTP headers, gRPC metadata) hands over the raw {@code
 * Authorization} values and gets the caller or the reason there is none.
 */
public interface RequestAuthenticationUseCase {

  /** Verifies an access token (signature, expiry) and its revocation state. */
  Authentication authenticate(String accessToken);

  /** The same for a request's bearer token, rejected with its reason when it has none. */
  default Authentication authenticate(BearerToken bearer) {
    return switch (bearer) {
      case BearerToken.Presented presented -> authenticate(presented.token());
      case BearerToken.Unusable unusable -> Authentication.Rejected.because(unusable.reason());
    };
  }

  /** The outcome of authenticating a request: its caller, or why it has none. */
  sealed interface Authentication {

    /** A verified, unrevoked token, and who presented it. */
    record Authenticated(Caller caller) implements Authentication {
      public Authenticated {
        Objects.requireNonNull(caller, "caller");
      }
    }

    /**
     * No caller. Every token that does not stand (forged, expired, revoked) gets the same words, so
     * a holder of a stolen token cannot tell whether it was revoked or never valid.
     */
    record Rejected(Failure failure) implements Authentication {
      public Rejected {
        Objects.requireNonNull(failure, "failure");
      }

      /** Rejected as {@link FailureKind#UNAUTHENTICATED}, for {@code detail}. */
      public static Rejected because(String detail) {
        return new Rejected(Failure.of(FailureKind.UNAUTHENTICATED, detail));
      }
    }
  }

  /**
   * The bearer token of a request's {@code Authorization} header values (RFC 6750), or why there is
   * none. Only the grammar is checked here; {@link #authenticate(String)} verifies the token.
   */
  sealed interface BearerToken {

    /** A token that has the grammar of one. */
    record Presented(String token) implements BearerToken {}

    /** No usable token: {@code reason} says why, in words fit for the client. */
    record Unusable(String reason) implements BearerToken {}

    /** Longer tokens are refused unread: Warden's own are a few hundred characters. */
    int MAX_TOKEN_LENGTH = 8192;

    /** The token of the {@code Authorization} header values of one request. */
    static BearerToken of(List<String> authorizationHeaders) {
      if (authorizationHeaders.isEmpty()) {
        return new Unusable("an Authorization: Bearer token is required");
      }
      if (authorizationHeaders.size() > 1) {
        return new Unusable("exactly one Authorization header is allowed");
      }
      String value = authorizationHeaders.get(0).strip();
      String scheme = "Bearer ";
      if (!value.regionMatches(true, 0, scheme, 0, scheme.length())) {
        return new Unusable("the Authorization header must use the Bearer scheme");
      }
      String token = value.substring(scheme.length()).strip();
      if (token.isEmpty() || token.length() > MAX_TOKEN_LENGTH || !B64Token.matches(token)) {
        return new Unusable("the bearer token is malformed");
      }
      return new Presented(token);
    }
  }
}
