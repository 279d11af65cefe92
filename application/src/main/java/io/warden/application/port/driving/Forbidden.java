package io.warden.application.port.driving;

/** Use-case failure ({@link FailureKind#FORBIDDEN}): authenticated but not allowed. */
public final class Forbidden extends RuntimeException implements Failure.Classified {
  private static final long serialVersionUID = 1L;

  public Forbidden(String message) {
    super(message);
  }

  public Forbidden(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public Failure failure() {
    return Failure.of(FailureKind.FORBIDDEN, getMessage());
  }
}
