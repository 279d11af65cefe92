package io.warden.adapter.driven.postgres;

/**
 * A prefix search as a {@code LIKE} pattern with {@code ESCAPE '\'}: the searched text's own {@code
 * %}, {@code _} and {@code \} match themselves, so {@code a_%} finds {@code a_b} and not {@code
 * axb}. A pattern with no wildcard but its trailing {@code %} is what a {@code text_pattern_ops}
 * index serves.
 */
final class LikePrefix {
  private LikePrefix() {}

  static String of(String prefix) {
    StringBuilder pattern = new StringBuilder(prefix.length() + 4);
    for (int i = 0; i < prefix.length(); i++) {
      char c = prefix.charAt(i);
      if (c == '\\' || c == '%' || c == '_') {
        pattern.append('\\');
      }
      pattern.append(c);
    }
    return pattern.append('%').toString();
  }
}
