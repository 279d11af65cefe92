package io.warden.application.port.driving;

import java.util.Optional;

/**
 * Use-case failure ({@link FailureKind#NOT_FOUND}): unknown resource (inside the caller's tenant:
 * another tenant's resource is not found either).
 */
public final class NotFound extends ClassifiedFailure {
  private static final long serialVersionUID = 1L;

  public NotFound(String message) {
    super(FailureKind.NOT_FOUND, message, null);
  }

  public NotFound(String message, Throwable cause) {
    super(FailureKind.NOT_FOUND, message, cause);
  }

  /** Returns if {@code found} holds a value; otherwise the resource is not found. */
  public static void require(Optional<?> found, String message) {
    if (found.isEmpty()) {
      throw new NotFound(message);
    }
  }
}
