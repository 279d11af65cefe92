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
