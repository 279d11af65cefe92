package io.warden.application.port.driving;

import org.jspecify.annotations.Nullable;

/**
 * An exception that knows what kind of failure it is, with its message for words: the use cases'
 * own ({@link Unauthenticated}, {@link Forbidden}, {@link NotFound}, {@link Conflict}) and those of
 * the driven ports beneath them (a dependency unavailable or overloaded). A {@code catch} tells
 * them apart by their types; {@link Failure#of(Throwable)} reads any of them.
 */
public abstract class ClassifiedFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final FailureKind kind;

  protected ClassifiedFailure(FailureKind kind, String message, @Nullable Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  /** The failure as a driving adapter reports it. */
  public Failure failure() {
    return Failure.of(kind, String.valueOf(getMessage()));
  }
}
