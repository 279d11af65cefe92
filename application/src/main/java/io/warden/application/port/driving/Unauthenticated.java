package io.warden.application.port.driving;

/** Use-case failure: 401 missing, invalid, expired or revoked credentials. */
public final class Unauthenticated extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public Unauthenticated(String message) {
    super(message);
  }

  public Unauthenticated(String message, Throwable cause) {
    super(message, cause);
  }
}
