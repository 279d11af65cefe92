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

  /** Whether {@code text} is a syntactically valid permission name. */
  public static boolean isWellFormed(String text) {
    return text != null && text.length() <= MAX_LENGTH && SHAPE.matcher(text).matches();
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
