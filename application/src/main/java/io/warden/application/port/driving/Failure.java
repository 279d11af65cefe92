package io.warden.application.port.driving;

import io.warden.domain.model.InvalidValueException;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A refusal as any driving adapter sees it, whether a use case returned it in a sealed result or
 * threw it: its kind, words fit for the client, and the field or retry hint some kinds carry.
 *
 * @param detail for the client; for {@link FailureKind#UNAVAILABLE} it may name hosts or drivers,
 *     so an adapter logs it and answers in fixed words
 * @param field the invalid field of an {@link FailureKind#INVALID_INPUT}
 * @param retryAfterSeconds when to ask again, for {@link FailureKind#OVERLOADED}
 */
public record Failure(
    FailureKind kind, String detail, Optional<String> field, OptionalLong retryAfterSeconds) {
  /** A failure with neither field nor retry hint. */
  public static Failure of(FailureKind kind, String detail) {
    return new Failure(kind, detail, Optional.empty(), OptionalLong.empty());
  }

  /**
   * The failure a use case (or a port beneath it) threw, classified; empty for anything else, which
   * is a bug and deserves an internal error.
   */
  public static Optional<Failure> of(Throwable thrown) {
    return switch (thrown) {
      case ClassifiedFailure classified -> Optional.of(classified.failure());
      case InvalidValueException e ->
          Optional.of(
              new Failure(
                  FailureKind.INVALID_INPUT,
                  String.valueOf(e.getMessage()),
                  Optional.ofNullable(e.field()),
                  OptionalLong.empty()));
      default -> Optional.empty();
    };
  }
}
