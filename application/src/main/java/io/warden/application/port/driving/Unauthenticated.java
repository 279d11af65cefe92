package io.warden.application.port.driving;

/**
 * Use-case failure ({@link FailureKind#UNAUTHENTICATED}): missing, invalid, expired or revoked
 * credentials.
 */
public final class Unauthenticated extends RuntimeException implements Failure.Classified {
  private static final long serialVersionUID = 1L;

  public Unauthenticated(String message) {
    super(message);
  }

  public Unauthenticated(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public Failure failure() {
    return Failure.of(FailureKind.UNAUTHENTICATED, getMessage());
  }
}
