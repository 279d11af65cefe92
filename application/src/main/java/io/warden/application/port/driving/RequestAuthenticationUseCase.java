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
      case BearerToken.Presented presented -> authenticate(presented);
      case BearerToken.Unusable unusable -> Authentication.Rejected.because(unusable.reason());
    };
  }

  /**
   * The same for a token as it was presented, inside its header value: this default copies it out;
   * an implementation may verify it in place.
   */
  default Authentication authenticate(BearerToken.Presented presented) {
    return authenticate(presented.token());
  }

  /** The outcome of authenticating a request: its caller, or why it has none. */
  sealed interface Authentication {

    /** A verified, unrevoked token, and who presented it. */
    record Authenticated(Caller caller) implements Authentication {}

    /**
     * No caller. Every token that does not stand (forged, expired, revoked) gets the same words, so
     * a holder of a stolen token cannot tell whether it was revoked or never valid.
     */
    record Rejected(Failure failure) implements Authentication {
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

    /**
     * A token that has the grammar of one: characters {@code from} (inclusive) to {@code to}
     * (exclusive) of {@code text}, the header value it was presented in, so that reading it copies
     * nothing ({@link io.warden.application.port.driven.TokenCodec#verify(String, int, int,
     * java.time.Instant)}). Two are equal when their tokens are.
     */
    record Presented(String text, int from, int to) implements BearerToken {
      public Presented {
        Objects.checkFromToIndex(from, to, text.length());
      }

      /** The token as a string of its own. */
      public Presented(String token) {
        this(token, 0, token.length());
      }

      /** The token itself: copied out of {@link #text} when it is only part of it. */
      public String token() {
        return text.substring(from, to); // the text itself when the token is all of it
      }

      public int length() {
        return to - from;
      }

      @Override
      public boolean equals(Object other) {
        return other instanceof Presented that
            && length() == that.length()
            && text.regionMatches(from, that.text, that.from, length());
      }

      @Override
      public int hashCode() {
        int hash = 0;
        for (int i = from; i < to; i++) {
          hash = 31 * hash + text.charAt(i);
        }
        return hash;
      }

      @Override
      public String toString() {
        return "Presented[token=" + token() + "]";
      }
    }

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
      // Read in place, by index: the header value is the one copy of the token a request makes.
      String value = authorizationHeaders.get(0);
      int start = 0;
      int end = value.length();
      while (start < end && Character.isWhitespace(value.charAt(start))) {
        start++;
      }
      while (end > start && Character.isWhitespace(value.charAt(end - 1))) {
        end--;
      }
      String scheme = "Bearer ";
      if (end - start < scheme.length()
          || !value.regionMatches(true, start, scheme, 0, scheme.length())) {
        return new Unusable("the Authorization header must use the Bearer scheme");
      }
      int from = start + scheme.length();
      while (from < end && Character.isWhitespace(value.charAt(from))) {
        from++;
      }
      if (from == end || end - from > MAX_TOKEN_LENGTH || !B64Token.matches(value, from, end)) {
        return new Unusable("the bearer token is malformed");
      }
      return new Presented(value, from, end);
    }
  }
}
