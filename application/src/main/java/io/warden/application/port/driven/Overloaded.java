package io.warden.application.port.driven;

import io.warden.application.port.driving.Failure;
import io.warden.application.port.driving.FailureKind;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Use-case failure ({@link FailureKind#OVERLOADED}): this instance is too busy to take the request
 * now (nothing is broken) and the client may retry after {@link #retryAfter()}. Expected under a
 * flood, so not worth a stack trace in the log.
 */
public final class Overloaded extends Unavailable {
  private static final long serialVersionUID = 1L;

  private final Duration retryAfter;

  public Overloaded(String message, Duration retryAfter) {
    super(message);
    this.retryAfter = retryAfter;
    if (retryAfter.isNegative()) {
      throw new IllegalArgumentException("retryAfter must not be negative");
    }
  }

  /** How long the client should wait before trying again. */
  public Duration retryAfter() {
    return retryAfter;
  }

  /** {@link #retryAfter()} in whole seconds for a {@code Retry-After} header: at least one. */
  public long retryAfterSeconds() {
    long seconds = retryAfter.toSeconds() + (retryAfter.toNanosPart() > 0 ? 1 : 0);
    return Math.max(1, seconds);
  }

  @Override
  public Failure failure() {
    return new Failure(
        FailureKind.OVERLOADED,
        String.valueOf(getMessage()),
        Optional.empty(),
        OptionalLong.of(retryAfterSeconds()));
  }

  @Override
  public synchronized Throwable fillInStackTrace() {
    return this; // thrown by the thousand under a login flood; the stack says nothing
  }
}
