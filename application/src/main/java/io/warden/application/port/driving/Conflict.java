package io.warden.application.port.driving;

/**
 * Use-case failure: 409 the change collides with existing data (duplicate name, slug or e-mail).
 */
public final class Conflict extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public Conflict(String message) {
    super(message);
  }

  public Conflict(String message, Throwable cause) {
    super(message, cause);
  }
}
