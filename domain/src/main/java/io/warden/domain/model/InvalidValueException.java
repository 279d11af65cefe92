package io.warden.domain.model;

/** A value broke a rule of the model; {@code field} names the input that carried it. */
public final class InvalidValueException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String field;

  public InvalidValueException(String field, String message) {
    super(message);
    this.field = field;
  }

  public String field() {
    return field;
  }

  /** Fails with an {@code InvalidValueException} unless {@code condition} holds. */
  public static void require(boolean condition, String field, String message) {
    if (!condition) {
      throw new InvalidValueException(field, message);
    }
  }

  /** Returns {@code value} or fails when it is null. */
  public static <T> T requirePresent(T value, String field) {
    if (value == null) {
      throw new InvalidValueException(field, "is required");
    }
    return value;
  }
}
