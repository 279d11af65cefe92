package io.warden.application.port.driving;

/**
 * Use-case failure ({@link FailureKind#NOT_FOUND}): unknown resource (inside the caller's tenant:
 * another tenant's resource is not found either).
 */
public final class NotFound extends RuntimeException implements Failure.Classified {
  private static final long serialVersionUID = 1L;

  public NotFound(String message) {
    super(message);
  }

  public NotFound(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public Failure failure() {
    return Failure.of(FailureKind.NOT_FOUND, getMessage());
  }
}
