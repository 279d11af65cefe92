package io.warden.application.port.driven;

import io.warden.application.port.driving.ClassifiedFailure;
import io.warden.application.port.driving.FailureKind;

/**
 * Use-case failure ({@link FailureKind#UNAVAILABLE}): a dependency the request truly needs is down.
 * Its message may name hosts or drivers: a driving adapter logs it and answers in fixed words.
 */
public class Unavailable extends ClassifiedFailure {
  private static final long serialVersionUID = 1L;

  public Unavailable(String message) {
    super(FailureKind.UNAVAILABLE, message, null);
  }

  public Unavailable(String message, Throwable cause) {
    super(FailureKind.UNAVAILABLE, message, cause);
  }
}
