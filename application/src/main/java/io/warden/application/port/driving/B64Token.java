package io.warden.application.port.driving;

/**
 * The RFC 6750 {@code b64token} grammar of {@link RequestAuthenticationUseCase.BearerToken},
 * checked by hand rather than by a regular expression: matching a token of several hundred
 * characters with {@code java.util.regex} cost about a third of a warm check's CPU.
 */
final class B64Token {
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

  private B64Token() {}

  /**
   * Whether {@code text} is a {@code b64token}: {@code 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" /
   * "+" / "/" ) *"="}, the whole string.
   */
  static boolean matches(String text) {
    return matches(text, 0, text.length());
  }

  /** Whether characters {@code from} to {@code to} (exclusive) of {@code text} are a b64token. */
  static boolean matches(String text, int from, int to) {
    int length = to;
    int i = from;
    while (i < length) {
      char c = text.charAt(i);
      if (c >= TOKEN_CHARS.length || !TOKEN_CHARS[c]) {
        break;
      }
      i++;
    }
    if (i == from) {
      return false;
    }
    while (i < length && text.charAt(i) == '=') {
      i++;
    }
    return i == length;
  }
}
