package io.warden.domain.model.permission;

import io.warden.domain.model.InvalidValueException;
import java.util.regex.Pattern;

/** The name of a permission, e.g. {@code users.view} or {@code analytics:read:organization}. */
public record PermissionName(String value) implements Comparable<PermissionName> {
  public static final int MAX_LENGTH = 200;
  private static final Pattern SHAPE = Pattern.compile("^[a-z][a-z0-9_]*([.:][a-z0-9_*]+)*$");

  public PermissionName {
    InvalidValueException.requirePresent(value, "permission");
    InvalidValueException.require(
        isWellFormed(value),
        "permission",
        "must match ^[a-z][a-z0-9_]*([.:][a-z0-9_*]+)*$ and be at most " + MAX_LENGTH + " chars");
  }

  /**
   * Whether {@code text} is a syntactically valid permission name: exactly the names {@link #SHAPE}
   * matches, checked by hand because every permission check asks it.
   */
  public static boolean isWellFormed(String text) {
    if (text == null || text.isEmpty() || text.length() > MAX_LENGTH) {
      return false;
    }
    char first = text.charAt(0);
    if (first < 'a' || first > 'z') {
      return false;
    }
    boolean afterSeparator = false; // inside a segment that follows '.' or ':'
    boolean segmentEmpty = false; // a separator was just read
    for (int i = 1; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '.' || c == ':') {
        if (segmentEmpty) {
          return false;
        }
        afterSeparator = true;
        segmentEmpty = true;
      } else if ((c >= 'a' && c <= 'z')
          || (c >= '0' && c <= '9')
          || c == '_'
          || (c == '*' && afterSeparator)) {
        segmentEmpty = false;
      } else {
        return false;
      }
    }
    return !segmentEmpty;
  }

  /**
   * Whether the well-formed name {@code text} is a wildcard: its last segment is exactly {@code *}
   * ({@code reports.*}, {@code analytics:*}). A wildcard grants itself and every name that starts
   * with its {@linkplain #wildcardPrefix prefix}; a {@code *} elsewhere is an ordinary character.
   */
  public static boolean isWildcard(String text) {
    int length = text.length();
    if (length < 3 || text.charAt(length - 1) != '*') {
      return false;
    }
    char separator = text.charAt(length - 2);
    return separator == '.' || separator == ':';
  }

  /**
   * What a wildcard's grants start with: the name without its final {@code *}, separator included
   * ({@code reports.*} → {@code reports.}), so {@code reports.*} grants {@code reports.view} but
   * neither {@code reports} nor {@code reportsx.view} nor {@code reports:view}.
   */
  public static String wildcardPrefix(String wildcard) {
    if (!isWildcard(wildcard)) {
      throw new IllegalArgumentException("not a wildcard: " + wildcard);
    }
    return wildcard.substring(0, wildcard.length() - 1);
  }

  /**
   * Whether holding the name {@code granted} grants {@code requested}: the same name, or {@code
   * granted} is a wildcard whose prefix {@code requested} extends. Both must be well-formed.
   */
  public static boolean grants(String granted, String requested) {
    if (granted.equals(requested)) {
      return true;
    }
    if (!isWildcard(granted)) {
      return false;
    }
    int prefixLength = granted.length() - 1;
    return requested.length() > prefixLength
        && requested.regionMatches(0, granted, 0, prefixLength);
  }

  public boolean isWildcard() {
    return isWildcard(value);
  }

  /** {@link #grants(String, String)} for this name. */
  public boolean grants(String requested) {
    return grants(value, requested);
  }

  /** The grammar {@link #isWellFormed} implements, kept as the reference its test compares with. */
  static Pattern shape() {
    return SHAPE;
  }

  @Override
  public int compareTo(PermissionName other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
