package io.warden.application.port.driven;

/** Use-case failure: 503 a dependency the request truly needs is down. */
public class Unavailable extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public Unavailable(String message) {
    super(message);
  }

  public Unavailable(String message, Throwable cause) {
    super(message, cause);
  }
}
