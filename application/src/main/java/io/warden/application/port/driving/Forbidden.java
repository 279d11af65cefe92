package io.warden.application.port.driving;

/** Use-case failure: 403 authenticated but not allowed. */
public final class Forbidden extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public Forbidden(String message) {
    super(message);
  }

  public Forbidden(String message, Throwable cause) {
    super(message, cause);
  }
}
