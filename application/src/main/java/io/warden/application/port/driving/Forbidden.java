package io.warden.application.port.driving;

/** Use-case failure ({@link FailureKind#FORBIDDEN}): authenticated but not allowed. */
public final class Forbidden extends ClassifiedFailure {
  private static final long serialVersionUID = 1L;

  public Forbidden(String message) {
    super(FailureKind.FORBIDDEN, message, null);
  }
}
