package io.warden.application.port.driving;

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
}
