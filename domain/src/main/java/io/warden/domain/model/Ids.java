package io.warden.domain.model;

import java.util.UUID;

/** Parsing of textual ids, shared by every typed id of the model. */
public final class Ids {
  private Ids() {}

  /**
   * Parses a canonical UUID string or fails with an {@link InvalidValueException} on {@code field}.
   */
  public static UUID parse(String text, String field) {
    InvalidValueException.requirePresent(text, field);
    if (text.length() != 36) {
      throw new InvalidValueException(field, "must be a UUID");
    }
    try {
      return UUID.fromString(text);
    } catch (IllegalArgumentException e) {
      throw new InvalidValueException(field, "must be a UUID");
    }
  }
}
