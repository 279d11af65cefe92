package io.warden.domain.model.user;

import io.warden.domain.model.InvalidValueException;
import java.util.Locale;
import java.util.regex.Pattern;

/** An e-mail address, normalised to lower case so that look-ups ignore case. */
public record Email(String value) {
  private static final Pattern SHAPE = Pattern.compile("^[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+$");

  public Email {
    InvalidValueException.requirePresent(value, "email");
    value = value.strip().toLowerCase(Locale.ROOT);
    InvalidValueException.require(
        value.length() <= 254 && SHAPE.matcher(value).matches(),
        "email",
        "must be an e-mail address");
  }

  @Override
  public String toString() {
    return value;
  }
}
