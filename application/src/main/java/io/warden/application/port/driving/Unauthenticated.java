package io.warden.application.port.driving;

/**
 * Use-case failure ({@link FailureKind#UNAUTHENTICATED}): missing, invalid, expired or revoked
 * credentials.
 */
public final class Unauthenticated extends ClassifiedFailure {
  private static final long serialVersionUID = 1L;

  public Unauthenticated(String message) {
    super(FailureKind.UNAUTHENTICATED, message, null);
  }
}
