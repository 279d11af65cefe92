package io.warden.application.port.driving;

/**
 * Use-case failure ({@link FailureKind#CONFLICT}): the change collides with existing data
 * (duplicate name, slug or e-mail).
 */
public final class Conflict extends RuntimeException implements Failure.Classified {
  private static final long serialVersionUID = 1L;

  public Conflict(String message) {
    super(message);
  }

  public Conflict(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public Failure failure() {
    return Failure.of(FailureKind.CONFLICT, getMessage());
  }
}
