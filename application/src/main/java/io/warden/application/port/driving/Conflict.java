package io.warden.application.port.driving;

/**
 * Use-case failure ({@link FailureKind#CONFLICT}): the change collides with existing data
 * (duplicate name, slug or e-mail).
 */
public final class Conflict extends ClassifiedFailure {
  private static final long serialVersionUID = 1L;

  public Conflict(String message) {
    super(FailureKind.CONFLICT, message, null);
  }

  public Conflict(String message, Throwable cause) {
    super(FailureKind.CONFLICT, message, cause);
  }
}
